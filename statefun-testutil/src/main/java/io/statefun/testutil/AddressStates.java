package io.statefun.testutil;

import io.statefun.sdk.Address;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.state.ApiExtension;
import io.statefun.sdk.state.AppendingBufferAccessor;
import io.statefun.sdk.state.PersistedAppendingBuffer;
import io.statefun.sdk.state.PersistedTable;
import io.statefun.sdk.state.PersistedValue;
import io.statefun.sdk.state.StateBinder;
import io.statefun.sdk.state.TableAccessor;
import io.statefun.sdk.state.ValueAccessor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of every address of one function type, kept apart per address as the runtime keeps it
 * apart per key: the function's state objects are bound to accessors that read and write the slots
 * of the address being invoked.
 */
final class AddressStates implements StateBinder {
  enum Kind {
    VALUE,
    TABLE,
    BUFFER
  }

  private record Declared(Kind kind, Class<?> type) {}

  private final FunctionType functionType;
  private final Map<String, Declared> declared = new LinkedHashMap<>();
  private final Map<Address, Map<String, Object>> slots = new HashMap<>();
  private Address current;

  AddressStates(FunctionType functionType) {
    this.functionType = functionType;
  }

  void enter(Address address) {
    current = address;
  }

  void leave() {
    current = null;
  }

  // ---------------------------------------------------------------------------------------------
  // Binding
  // ---------------------------------------------------------------------------------------------

  @Override
  public <T> void bindValue(PersistedValue<T> value) {
    String name = declare(value.name(), Kind.VALUE, value.type());
    ApiExtension.bindValue(
        value,
        new ValueAccessor<T>() {
          @Override
          public T get() {
            return value.type().cast(slotsOfCurrent(name).get(name));
          }

          @Override
          public void set(T v) {
            slotsOfCurrent(name).put(name, v);
          }

          @Override
          public void clear() {
            slotsOfCurrent(name).remove(name);
          }
        });
  }

  @Override
  public <K, V> void bindTable(PersistedTable<K, V> table) {
    String name = declare(table.name(), Kind.TABLE, table.valueType());
    ApiExtension.bindTable(
        table,
        new TableAccessor<K, V>() {
          @SuppressWarnings("unchecked")
          private Map<K, V> map() {
            return (Map<K, V>)
                slotsOfCurrent(name).computeIfAbsent(name, n -> new LinkedHashMap<>());
          }

          @Override
          public V get(K key) {
            return map().get(key);
          }

          @Override
          public void set(K key, V value) {
            map().put(key, value);
          }

          @Override
          public void remove(K key) {
            map().remove(key);
          }

          @Override
          public Iterable<Map.Entry<K, V>> entries() {
            return List.copyOf(map().entrySet());
          }

          @Override
          public Iterable<K> keys() {
            return List.copyOf(map().keySet());
          }

          @Override
          public Iterable<V> values() {
            return List.copyOf(map().values());
          }

          @Override
          public void clear() {
            slotsOfCurrent(name).remove(name);
          }
        });
  }

  @Override
  public <E> void bindAppendingBuffer(PersistedAppendingBuffer<E> buffer) {
    String name = declare(buffer.name(), Kind.BUFFER, buffer.elementType());
    ApiExtension.bindAppendingBuffer(
        buffer,
        new AppendingBufferAccessor<E>() {
          @SuppressWarnings("unchecked")
          private List<E> elements() {
            return (List<E>) slotsOfCurrent(name).computeIfAbsent(name, n -> new ArrayList<>());
          }

          @Override
          public void append(E element) {
            elements().add(element);
          }

          @Override
          public void appendAll(List<E> more) {
            elements().addAll(more);
          }

          @Override
          public void replaceWith(List<E> replacement) {
            if (replacement.isEmpty()) {
              clear();
            } else {
              slotsOfCurrent(name).put(name, new ArrayList<>(replacement));
            }
          }

          @Override
          public Iterable<E> view() {
            return Collections.unmodifiableList(new ArrayList<>(elements()));
          }

          @Override
          public void clear() {
            slotsOfCurrent(name).remove(name);
          }
        });
  }

  private String declare(String name, Kind kind, Class<?> type) {
    Declared previous = declared.putIfAbsent(name, new Declared(kind, type));
    if (previous != null) {
      throw new IllegalStateException(
          "function " + functionType + " declares two states named '" + name + "'");
    }
    return name;
  }

  private Map<String, Object> slotsOfCurrent(String name) {
    if (current == null) {
      throw new IllegalStateException(
          "state '"
              + name
              + "' of function "
              + functionType
              + " used outside an invocation; read it with FunctionTestHarness.value/table/buffer"
              + " and set it with preset*");
    }
    return slots.computeIfAbsent(current, a -> new HashMap<>());
  }

  // ---------------------------------------------------------------------------------------------
  // Reading and presetting from the test
  // ---------------------------------------------------------------------------------------------

  Object value(Address address, String name) {
    require(name, Kind.VALUE);
    return slotsOf(address).get(name);
  }

  Map<Object, Object> table(Address address, String name) {
    require(name, Kind.TABLE);
    Object entries = slotsOf(address).get(name);
    return entries == null
        ? Map.of()
        : Collections.unmodifiableMap(new LinkedHashMap<>((Map<?, ?>) entries));
  }

  List<Object> buffer(Address address, String name) {
    require(name, Kind.BUFFER);
    Object elements = slotsOf(address).get(name);
    return elements == null ? List.of() : List.copyOf((List<?>) elements);
  }

  void presetValue(Address address, String name, Object value) {
    Declared state = require(name, Kind.VALUE);
    if (value == null) {
      slotsOf(address).remove(name);
      return;
    }
    requireType(name, state, value);
    slotsOf(address).put(name, value);
  }

  void presetTable(Address address, String name, Map<?, ?> entries) {
    Declared state = require(name, Kind.TABLE);
    for (Object value : entries.values()) {
      requireType(name, state, value);
    }
    slotsOf(address).put(name, new LinkedHashMap<>(entries));
  }

  void presetBuffer(Address address, String name, List<?> elements) {
    Declared state = require(name, Kind.BUFFER);
    for (Object element : elements) {
      requireType(name, state, element);
    }
    slotsOf(address).put(name, new ArrayList<>(elements));
  }

  /** Forgets the state of one address, as an expired or cleared key would. */
  void clear(Address address) {
    slots.remove(address);
  }

  private Map<String, Object> slotsOf(Address address) {
    return slots.computeIfAbsent(address, a -> new HashMap<>());
  }

  private Declared require(String name, Kind kind) {
    Declared state = declared.get(name);
    if (state == null) {
      throw new IllegalArgumentException(
          "function "
              + functionType
              + " has no state named '"
              + name
              + "'; it declares "
              + declared.keySet());
    }
    if (state.kind() != kind) {
      throw new IllegalArgumentException(
          "state '"
              + name
              + "' of function "
              + functionType
              + " is a "
              + state.kind().name().toLowerCase()
              + ", not a "
              + kind.name().toLowerCase());
    }
    return state;
  }

  private void requireType(String name, Declared state, Object value) {
    if (value == null || !state.type().isInstance(value)) {
      throw new IllegalArgumentException(
          "state '"
              + name
              + "' of function "
              + functionType
              + " holds "
              + state.type().getName()
              + ", not "
              + (value == null ? "null" : value.getClass().getName()));
    }
  }
}
