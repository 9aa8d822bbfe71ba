package io.statefun.flink.core.state;

import io.statefun.flink.core.failure.UndoLog;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.state.ApiExtension;
import io.statefun.sdk.state.Expiration;
import io.statefun.sdk.state.PersistedAppendingBuffer;
import io.statefun.sdk.state.PersistedTable;
import io.statefun.sdk.state.PersistedValue;
import io.statefun.sdk.state.StateBinder;
import java.util.HashSet;
import java.util.Set;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueStateDescriptor;

/**
 * Binds one function type's state objects to Flink keyed state named {@code
 * <namespace>.<type>.<state>}, with TTL from the state's {@link Expiration}. The state then reads
 * and writes the entry of whatever address is the operator's current key.
 */
@Internal
public final class FlinkStateBinder implements StateBinder {
  private final FunctionType type;
  private final KeyedStateFactory states;
  private final Set<String> boundNames = new HashSet<>();

  /** Null unless the type's failed invocations must leave no state change (dead-letter policy). */
  private final UndoLog undo;

  public FlinkStateBinder(FunctionType type, KeyedStateFactory states) {
    this(type, states, null);
  }

  public FlinkStateBinder(FunctionType type, KeyedStateFactory states, UndoLog undo) {
    this.type = type;
    this.states = states;
    this.undo = undo;
  }

  /** The Flink state name of state {@code name} of function type {@code type}. */
  public static String stateName(FunctionType type, String name) {
    return type.namespace() + "." + type.name() + "." + name;
  }

  @Override
  public <T> void bindValue(PersistedValue<T> value) {
    ValueStateDescriptor<T> descriptor =
        new ValueStateDescriptor<>(
            claim(value.name()), StateTypes.ofState(value.type(), describe(value.name())));
    ApiExtension.bindValue(
        value,
        new FlinkValueAccessor<>(
            create(withTtl(descriptor, value.expiration())), describe(value.name()), undo));
  }

  @Override
  public <K, V> void bindTable(PersistedTable<K, V> table) {
    MapStateDescriptor<K, V> descriptor =
        new MapStateDescriptor<>(
            claim(table.name()),
            StateTypes.ofState(table.keyType(), "a key of " + describe(table.name())),
            StateTypes.ofState(table.valueType(), describe(table.name())));
    ApiExtension.bindTable(
        table,
        new FlinkTableAccessor<>(
            create(withTtl(descriptor, table.expiration())), describe(table.name()), undo));
  }

  @Override
  public <E> void bindAppendingBuffer(PersistedAppendingBuffer<E> buffer) {
    ListStateDescriptor<E> descriptor =
        new ListStateDescriptor<>(
            claim(buffer.name()),
            StateTypes.ofState(buffer.elementType(), describe(buffer.name())));
    ApiExtension.bindAppendingBuffer(
        buffer,
        new FlinkAppendingBufferAccessor<>(
            create(withTtl(descriptor, buffer.expiration())), describe(buffer.name()), undo));
  }

  private String describe(String name) {
    return "state '"
        + name
        + "' of function type "
        + type
        + " (Flink state "
        + stateName(type, name)
        + ")";
  }

  private String claim(String name) {
    if (!boundNames.add(name)) {
      throw new IllegalStateException(
          "function " + type + " declares two states named '" + name + "'");
    }
    return stateName(type, name);
  }

  private <D extends StateDescriptor<?, ?>> D withTtl(D descriptor, Expiration expiration) {
    if (expiration.mode() == Expiration.Mode.NONE) {
      return descriptor;
    }
    StateTtlConfig.UpdateType update =
        expiration.mode() == Expiration.Mode.AFTER_WRITE
            ? StateTtlConfig.UpdateType.OnCreateAndWrite
            : StateTtlConfig.UpdateType.OnReadAndWrite;
    descriptor.enableTimeToLive(
        StateTtlConfig.newBuilder(expiration.duration())
            .setUpdateType(update)
            .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
            .build());
    return descriptor;
  }

  private <S extends org.apache.flink.api.common.state.State> S create(
      StateDescriptor<S, ?> descriptor) {
    try {
      return states.create(descriptor);
    } catch (Exception e) {
      throw new IllegalStateException(
          "function " + type + ": cannot create state " + descriptor.getName(), e);
    }
  }
}
