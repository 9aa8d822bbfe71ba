package io.statefun.flink.state.binding;

import io.statefun.flink.core.state.FlinkStateBinder;
import io.statefun.flink.core.state.KeyedStateFactory;
import io.statefun.flink.core.state.PersistedStates;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.state.PersistedAppendingBuffer;
import io.statefun.sdk.state.PersistedTable;
import io.statefun.sdk.state.PersistedValue;
import io.statefun.sdk.state.StateBinder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code @Persisted} state of one function (or bootstrap function) instance, bound through
 * core's {@link FlinkStateBinder} to keyed state of the current key: the same state names,
 * serializers and TTL as in the functions operator. Reads and writes a state by its declared name,
 * as a plain value, a {@link Map} (table) or a {@link List} (appending buffer).
 */
public final class BoundFunctionState {
  private final FunctionType type;
  private final Map<String, Object> states;

  private BoundFunctionState(FunctionType type, Map<String, Object> states) {
    this.type = type;
    this.states = states;
  }

  /** Binds every {@code @Persisted} field of {@code instance} as state of {@code type}. */
  public static BoundFunctionState bind(
      FunctionType type, Object instance, KeyedStateFactory keyedState) {
    Map<String, Object> states = new LinkedHashMap<>();
    PersistedStates.bind(
        type, instance, new RecordingBinder(new FlinkStateBinder(type, keyedState), states));
    return new BoundFunctionState(type, Collections.unmodifiableMap(states));
  }

  public FunctionType type() {
    return type;
  }

  /** The declared state names, in declaration order. */
  public Set<String> names() {
    return states.keySet();
  }

  /** The current key's state {@code name}, or null if it has none (or it expired). */
  public Object read(String name) {
    Object state = stateNamed(name);
    if (state instanceof PersistedValue) {
      return ((PersistedValue<?>) state).get();
    }
    if (state instanceof PersistedTable) {
      Map<Object, Object> entries = new LinkedHashMap<>();
      for (Map.Entry<?, ?> entry : ((PersistedTable<?, ?>) state).entries()) {
        entries.put(entry.getKey(), entry.getValue());
      }
      return entries.isEmpty() ? null : entries;
    }
    List<Object> elements = new ArrayList<>();
    ((PersistedAppendingBuffer<?>) state).view().forEach(elements::add);
    return elements.isEmpty() ? null : elements;
  }

  /**
   * Sets the current key's state {@code name}: a value replaces the value, a map's entries are put
   * into the table, a list's elements are appended to the buffer.
   *
   * @throws IllegalArgumentException naming the function type, state and classes if {@code value}
   *     does not fit the declared state
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public void write(String name, Object value) {
    Object state = stateNamed(name);
    if (state instanceof PersistedValue) {
      PersistedValue v = (PersistedValue) state;
      v.set(checked(name, v.type(), value));
    } else if (state instanceof PersistedTable) {
      PersistedTable t = (PersistedTable) state;
      if (!(value instanceof Map)) {
        throw misfit(name, "a java.util.Map for a table", value);
      }
      for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
        t.set(
            checked(name, t.keyType(), entry.getKey()),
            checked(name, t.valueType(), entry.getValue()));
      }
    } else {
      PersistedAppendingBuffer b = (PersistedAppendingBuffer) state;
      if (!(value instanceof List)) {
        throw misfit(name, "a java.util.List for an appending buffer", value);
      }
      List<Object> elements = new ArrayList<>();
      for (Object element : (List<?>) value) {
        elements.add(checked(name, b.elementType(), element));
      }
      b.appendAll(elements);
    }
  }

  private Object stateNamed(String name) {
    Object state = states.get(name);
    if (state == null) {
      throw new IllegalArgumentException(
          "function type "
              + type
              + " declares no state named '"
              + name
              + "'; declared: "
              + names());
    }
    return state;
  }

  private Object checked(String name, Class<?> declared, Object value) {
    if (value == null || !box(declared).isInstance(value)) {
      throw misfit(name, declared.getName(), value);
    }
    return value;
  }

  private IllegalArgumentException misfit(String name, String expected, Object value) {
    return new IllegalArgumentException(
        "state '"
            + name
            + "' of function type "
            + type
            + " takes "
            + expected
            + ", but got "
            + (value == null ? "null" : value.getClass().getName()));
  }

  private static Class<?> box(Class<?> type) {
    if (!type.isPrimitive()) {
      return type;
    }
    if (type == int.class) {
      return Integer.class;
    }
    if (type == long.class) {
      return Long.class;
    }
    if (type == boolean.class) {
      return Boolean.class;
    }
    if (type == double.class) {
      return Double.class;
    }
    if (type == float.class) {
      return Float.class;
    }
    if (type == short.class) {
      return Short.class;
    }
    if (type == byte.class) {
      return Byte.class;
    }
    return Character.class;
  }

  /** Remembers each state object by name, then binds it as core does. */
  private static final class RecordingBinder implements StateBinder {
    private final StateBinder delegate;
    private final Map<String, Object> states;

    RecordingBinder(StateBinder delegate, Map<String, Object> states) {
      this.delegate = delegate;
      this.states = states;
    }

    @Override
    public <T> void bindValue(PersistedValue<T> value) {
      delegate.bindValue(value);
      states.put(value.name(), value);
    }

    @Override
    public <K, V> void bindTable(PersistedTable<K, V> table) {
      delegate.bindTable(table);
      states.put(table.name(), table);
    }

    @Override
    public <E> void bindAppendingBuffer(PersistedAppendingBuffer<E> buffer) {
      delegate.bindAppendingBuffer(buffer);
      states.put(buffer.name(), buffer);
    }
  }
}
