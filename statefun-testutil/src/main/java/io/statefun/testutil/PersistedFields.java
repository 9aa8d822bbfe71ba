package io.statefun.testutil;

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

/**
 * Binds a function's {@code @Persisted} fields as the runtime does: fields of the class and its
 * superclasses, registries, and objects held by {@code @Persisted} fields, recursively.
 */
final class PersistedFields {
  private PersistedFields() {}

  static void bind(FunctionType type, Object function, StateBinder binder) {
    bind(type, function, binder, new IdentityHashMap<>());
  }

  private static void bind(
      FunctionType type, Object holder, StateBinder binder, Map<Object, Boolean> seen) {
    if (seen.put(holder, Boolean.TRUE) != null) {
      return;
    }
    for (Class<?> c = holder.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers())
            || !field.isAnnotationPresent(Persisted.class)) {
          continue;
        }
        Object state = read(type, holder, field);
        if (state instanceof PersistedValue<?> value) {
          binder.bindValue(value);
        } else if (state instanceof PersistedTable<?, ?> table) {
          binder.bindTable(table);
        } else if (state instanceof PersistedAppendingBuffer<?> buffer) {
          binder.bindAppendingBuffer(buffer);
        } else if (state instanceof PersistedStateRegistry registry) {
          ApiExtension.bindRegistry(registry, binder);
        } else {
          bind(type, state, binder, seen);
        }
      }
    }
  }

  private static Object read(FunctionType type, Object holder, Field field) {
    String where = field.getDeclaringClass().getName() + "." + field.getName();
    Object value;
    try {
      field.setAccessible(true);
      value = field.get(holder);
    } catch (IllegalAccessException | RuntimeException e) {
      throw new IllegalStateException(
          "function " + type + ": cannot read @Persisted field " + where, e);
    }
    if (value == null) {
      throw new IllegalStateException(
          "function "
              + type
              + ": @Persisted field "
              + where
              + " is null; initialise it when the function is constructed");
    }
    return value;
  }
}
