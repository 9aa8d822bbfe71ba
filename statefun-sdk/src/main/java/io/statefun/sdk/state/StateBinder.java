package io.statefun.sdk.state;

/**
 * Binds state objects to a runtime. Implemented by runtimes, used through {@link
 * ApiExtension#bindRegistry}; application code does not call it.
 */
public interface StateBinder {

  <T> void bindValue(PersistedValue<T> value);

  <K, V> void bindTable(PersistedTable<K, V> table);

  <E> void bindAppendingBuffer(PersistedAppendingBuffer<E> buffer);
}
