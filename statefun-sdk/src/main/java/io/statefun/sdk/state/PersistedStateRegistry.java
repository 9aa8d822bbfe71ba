package io.statefun.sdk.state;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Registers state at run time, for functions whose state is not known when they are written.
 * Declare the registry as a {@code @Persisted} field; state registered before the runtime binds the
 * registry is bound then, state registered later is bound at once. Registered state lives as long
 * as the function instance: register it in the constructor or on first use, not per message.
 */
public final class PersistedStateRegistry {
  private final Map<String, Object> registered = new HashMap<>();
  private StateBinder binder;

  /**
   * @throws IllegalArgumentException if the state is null, or a state of the same name is already
   *     registered
   */
  public <T> void registerValue(PersistedValue<T> value) {
    requireState(value, "value");
    if (add(value.name(), value) && binder != null) {
      binder.bindValue(value);
    }
  }

  /**
   * @throws IllegalArgumentException if the state is null, or a state of the same name is already
   *     registered
   */
  public <K, V> void registerTable(PersistedTable<K, V> table) {
    requireState(table, "table");
    if (add(table.name(), table) && binder != null) {
      binder.bindTable(table);
    }
  }

  /**
   * @throws IllegalArgumentException if the state is null, or a state of the same name is already
   *     registered
   */
  public <E> void registerAppendingBuffer(PersistedAppendingBuffer<E> buffer) {
    requireState(buffer, "buffer");
    if (add(buffer.name(), buffer) && binder != null) {
      binder.bindAppendingBuffer(buffer);
    }
  }

  private static <S> S requireState(S state, String argumentName) {
    if (state == null) {
      throw new IllegalArgumentException(argumentName + " must not be null");
    }
    return state;
  }

  private boolean add(String name, Object state) {
    Object existing = registered.putIfAbsent(name, state);
    if (existing == state) {
      return false;
    }
    if (existing != null) {
      throw new IllegalArgumentException(
          "a state named '" + name + "' is already registered: " + existing);
    }
    return true;
  }

  void bind(StateBinder binder) {
    this.binder = Objects.requireNonNull(binder);
    for (Object state : registered.values()) {
      if (state instanceof PersistedValue) {
        binder.bindValue((PersistedValue<?>) state);
      } else if (state instanceof PersistedTable) {
        binder.bindTable((PersistedTable<?, ?>) state);
      } else {
        binder.bindAppendingBuffer((PersistedAppendingBuffer<?>) state);
      }
    }
  }
}
