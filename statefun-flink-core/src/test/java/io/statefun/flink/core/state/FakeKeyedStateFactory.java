package io.statefun.flink.core.state;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.State;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;

/**
 * Records every descriptor it is asked for and returns in-memory states of one (implicit) key. Like
 * Flink's heap backend, empty list and map states answer null rather than an empty iterable.
 */
final class FakeKeyedStateFactory implements KeyedStateFactory {
  final List<StateDescriptor<?, ?>> descriptors = new ArrayList<>();
  final Map<String, State> states = new LinkedHashMap<>();

  @Override
  @SuppressWarnings("unchecked")
  public <S extends State> S create(StateDescriptor<S, ?> descriptor) {
    descriptors.add(descriptor);
    State state;
    if (descriptor instanceof ValueStateDescriptor) {
      state = new FakeValueState<>();
    } else if (descriptor instanceof MapStateDescriptor) {
      state = new FakeMapState<>();
    } else if (descriptor instanceof ListStateDescriptor) {
      state = new FakeListState<>();
    } else {
      throw new IllegalArgumentException("unexpected descriptor " + descriptor);
    }
    // Like a real backend, a second request for a name is not an error here: the binder under
    // test must be the one that rejects duplicate names.
    states.put(descriptor.getName(), state);
    return (S) state;
  }

  List<String> names() {
    List<String> names = new ArrayList<>();
    descriptors.forEach(d -> names.add(d.getName()));
    return names;
  }

  StateDescriptor<?, ?> descriptor(String name) {
    for (StateDescriptor<?, ?> descriptor : descriptors) {
      if (descriptor.getName().equals(name)) {
        return descriptor;
      }
    }
    throw new AssertionError("no state named " + name + " was created; created: " + names());
  }

  @SuppressWarnings("unchecked")
  <S extends State> S state(String name) {
    S state = (S) states.get(name);
    if (state == null) {
      throw new AssertionError("no state named " + name + " was created; created: " + names());
    }
    return state;
  }

  static final class FakeValueState<T> implements ValueState<T> {
    T value;

    @Override
    public T value() {
      return value;
    }

    @Override
    public void update(T value) {
      this.value = value;
    }

    @Override
    public void clear() {
      value = null;
    }
  }

  static final class FakeMapState<K, V> implements MapState<K, V> {
    final Map<K, V> map = new LinkedHashMap<>();

    @Override
    public V get(K key) {
      return map.get(key);
    }

    @Override
    public void put(K key, V value) {
      map.put(key, value);
    }

    @Override
    public void putAll(Map<K, V> entries) {
      map.putAll(entries);
    }

    @Override
    public void remove(K key) {
      map.remove(key);
    }

    @Override
    public boolean contains(K key) {
      return map.containsKey(key);
    }

    @Override
    public Iterable<Map.Entry<K, V>> entries() {
      return map.isEmpty() ? null : Collections.unmodifiableMap(map).entrySet();
    }

    @Override
    public Iterable<K> keys() {
      return map.isEmpty() ? null : Collections.unmodifiableSet(map.keySet());
    }

    @Override
    public Iterable<V> values() {
      return map.isEmpty() ? null : Collections.unmodifiableCollection(map.values());
    }

    @Override
    public java.util.Iterator<Map.Entry<K, V>> iterator() {
      return map.entrySet().iterator();
    }

    @Override
    public boolean isEmpty() {
      return map.isEmpty();
    }

    @Override
    public void clear() {
      map.clear();
    }
  }

  static final class FakeListState<E> implements ListState<E> {
    final List<E> list = new ArrayList<>();

    @Override
    public Iterable<E> get() {
      return list.isEmpty() ? null : Collections.unmodifiableList(new ArrayList<>(list));
    }

    @Override
    public void add(E value) {
      list.add(value);
    }

    @Override
    public void update(List<E> values) {
      list.clear();
      list.addAll(values);
    }

    @Override
    public void addAll(List<E> values) {
      list.addAll(values);
    }

    @Override
    public void clear() {
      list.clear();
    }
  }
}
