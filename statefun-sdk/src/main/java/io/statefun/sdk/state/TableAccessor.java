package io.statefun.sdk.state;

import java.util.Map;

/** Where a {@link PersistedTable} keeps its entries; see {@link ValueAccessor}. */
public interface TableAccessor<K, V> {

  V get(K key);

  void set(K key, V value);

  void remove(K key);

  Iterable<Map.Entry<K, V>> entries();

  Iterable<K> keys();

  Iterable<V> values();

  void clear();
}
