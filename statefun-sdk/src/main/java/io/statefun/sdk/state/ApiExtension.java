package io.statefun.sdk.state;

/**
 * The hooks a runtime uses to attach state objects to its storage. Not for application code: a
 * function that calls these loses its state binding.
 */
public final class ApiExtension {
  private ApiExtension() {}

  public static <T> void bindValue(PersistedValue<T> value, ValueAccessor<T> accessor) {
    value.bind(accessor);
  }

  public static <K, V> void bindTable(PersistedTable<K, V> table, TableAccessor<K, V> accessor) {
    table.bind(accessor);
  }

  public static <E> void bindAppendingBuffer(
      PersistedAppendingBuffer<E> buffer, AppendingBufferAccessor<E> accessor) {
    buffer.bind(accessor);
  }

  /**
   * Binds everything registered with {@code registry} so far, and everything registered later, with
   * {@code binder}.
   */
  public static void bindRegistry(PersistedStateRegistry registry, StateBinder binder) {
    registry.bind(binder);
  }
}
