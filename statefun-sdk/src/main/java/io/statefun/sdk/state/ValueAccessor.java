package io.statefun.sdk.state;

/**
 * Where a {@link PersistedValue} keeps its value. The SDK's default keeps it in memory; a runtime
 * binds an accessor that reads and writes the current address's state.
 */
public interface ValueAccessor<T> {

  /** The value, or null if there is none. */
  T get();

  /** Stores a non-null value. */
  void set(T value);

  void clear();
}
