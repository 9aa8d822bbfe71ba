package io.statefun.flink.core.state;

import io.statefun.sdk.state.TableAccessor;
import java.util.Collections;
import java.util.Map;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.util.FlinkRuntimeException;

final class FlinkTableAccessor<K, V> implements TableAccessor<K, V> {
  private final MapState<K, V> state;

  FlinkTableAccessor(MapState<K, V> state) {
    this.state = state;
  }

  @Override
  public V get(K key) {
    try {
      return state.get(key);
    } catch (Exception e) {
      throw new FlinkRuntimeException(e);
    }
  }

  @Override
  public void set(K key, V value) {
    try {
      state.put(key, value);
    } catch (Exception e) {
      throw new FlinkRuntimeException(e);
    }
  }

  @Override
  public void remove(K key) {
    try {
      state.remove(key);
    } catch (Exception e) {
      throw new FlinkRuntimeException(e);
    }
  }

  @Override
  public Iterable<Map.Entry<K, V>> entries() {
    try {
      Iterable<Map.Entry<K, V>> entries = state.entries();
      return entries != null ? entries : Collections.emptyList();
    } catch (Exception e) {
      throw new FlinkRuntimeException(e);
    }
  }

  @Override
  public Iterable<K> keys() {
    try {
      Iterable<K> keys = state.keys();
      return keys != null ? keys : Collections.emptyList();
    } catch (Exception e) {
      throw new FlinkRuntimeException(e);
    }
  }

  @Override
  public Iterable<V> values() {
    try {
      Iterable<V> values = state.values();
      return values != null ? values : Collections.emptyList();
    } catch (Exception e) {
      throw new FlinkRuntimeException(e);
    }
  }

  @Override
  public void clear() {
    state.clear();
  }
}
