package io.statefun.flink.core.state;

import io.statefun.sdk.FunctionType;
import io.statefun.sdk.annotations.Persisted;
import io.statefun.sdk.state.ApiExtension;
import io.statefun.sdk.state.PersistedAppendingBuffer;
import io.statefun.sdk.state.PersistedStateRegistry;
import io.statefun.sdk.state.PersistedTable;
import io.statefun.sdk.state.PersistedValue;
import io.statefun.sdk.state.StateBinder;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.flink.annotation.Internal;

/**
 * Finds a function's {@code @Persisted} fields (in its class hierarchy and, recursively, in nested
 * objects held by {@code @Persisted} fields) and binds each to the runtime.
 */
@Internal
public final class PersistedStates {
  private PersistedStates() {}

  /**
   * @throws IllegalStateException naming the function type and field when a {@code @Persisted}
   *     field is null or not accessible
   */
  public static void bind(FunctionType type, Object function, StateBinder binder) {
    bindFields(type, function, binder, new IdentityHashMap<>());
  }

  private static void bindFields(
      FunctionType type, Object holder, StateBinder binder, Map<Object, Boolean> visited) {
    if (visited.put(holder, Boolean.TRUE) != null) {
      return;
    }
    for (Class<?> c = holder.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (!field.isAnnotationPresent(Persisted.class)
            || Modifier.isStatic(field.getModifiers())) {
          continue;
        }
        Object state = read(type, holder, field);
        if (state instanceof PersistedValue) {
          binder.bindValue((PersistedValue<?>) state);
        } else if (state instanceof PersistedTable) {
          binder.bindTable((PersistedTable<?, ?>) state);
        } else if (state instanceof PersistedAppendingBuffer) {
          binder.bindAppendingBuffer((PersistedAppendingBuffer<?>) state);
        } else if (state instanceof PersistedStateRegistry) {
          ApiExtension.bindRegistry((PersistedStateRegistry) state, binder);
        } else {
          bindFields(type, state, binder, visited);
        }
      }
    }
  }

  private static Object read(FunctionType type, Object holder, Field field) {
    Object value;
    try {
      field.setAccessible(true);
      value = field.get(holder);
    } catch (IllegalAccessException | RuntimeException e) {
      throw new IllegalStateException(
          "function " + type + ": cannot read @Persisted field " + field.getName(), e);
    }
    if (value == null) {
      throw new IllegalStateException(
          "function "
              + type
              + ": @Persisted field "
              + field.getDeclaringClass().getName()
              + "."
              + field.getName()
              + " is null; initialise it when the function is constructed");
    }
    return value;
  }
}
