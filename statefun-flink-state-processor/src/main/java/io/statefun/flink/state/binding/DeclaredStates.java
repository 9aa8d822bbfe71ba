package io.statefun.flink.state.binding;

import io.statefun.flink.core.state.PersistedStates;
import io.statefun.flink.state.FunctionProviders;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.state.PersistedAppendingBuffer;
import io.statefun.sdk.state.PersistedTable;
import io.statefun.sdk.state.PersistedValue;
import io.statefun.sdk.state.StateBinder;
import java.util.ArrayList;
import java.util.List;

/** The state names a function declares, found as core finds them, without binding any state. */
public final class DeclaredStates {
  private DeclaredStates() {}

  public static List<String> of(FunctionType type, FunctionProviders functions) {
    List<String> names = new ArrayList<>();
    PersistedStates.bind(
        type,
        functions.newFunction(type),
        new StateBinder() {
          @Override
          public <T> void bindValue(PersistedValue<T> value) {
            names.add(value.name());
          }

          @Override
          public <K, V> void bindTable(PersistedTable<K, V> table) {
            names.add(table.name());
          }

          @Override
          public <E> void bindAppendingBuffer(PersistedAppendingBuffer<E> buffer) {
            names.add(buffer.name());
          }
        });
    return names;
  }
}
