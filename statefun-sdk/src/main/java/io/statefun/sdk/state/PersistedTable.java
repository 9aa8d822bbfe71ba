package io.statefun.sdk.state;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A persisted key-value table of the invoked address. Bound by the runtime like {@link
 * PersistedValue}; unbound, it keeps its entries in memory.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class PersistedTable<K, V> {
  private final String name;
  private final Class<K> keyType;
  private final Class<V> valueType;
  private final Expiration expiration;
  private TableAccessor<K, V> accessor;

  private PersistedTable(String name, Class<K> keyType, Class<V> valueType, Expiration expiration) {
    this.name = StateNames.validate(name);
    this.keyType = StateNames.requireArgument(keyType, "key type", name);
    this.valueType = StateNames.requireArgument(valueType, "value type", name);
    this.expiration = StateNames.requireArgument(expiration, "expiration", name);
    this.accessor = new InMemoryTableAccessor<>();
  }

  /**
   * @throws IllegalArgumentException if the name is not a valid state name, or a type is null
   */
  public static <K, V> PersistedTable<K, V> of(String name, Class<K> keyType, Class<V> valueType) {
    return of(name, keyType, valueType, Expiration.none());
  }

  /**
   * With {@link Expiration}, each entry expires on its own.
   *
   * @throws IllegalArgumentException if the name is not a valid state name, or a type or the
   *     expiration is null
   */
  public static <K, V> PersistedTable<K, V> of(
      String name, Class<K> keyType, Class<V> valueType, Expiration expiration) {
    return new PersistedTable<>(name, keyType, valueType, expiration);
  }

  public String name() {
    return name;
  }

  public Class<K> keyType() {
    return keyType;
  }

  public Class<V> valueType() {
    return valueType;
  }

  public Expiration expiration() {
    return expiration;
  }

  /** The value of {@code key}, or null if there is none. */
  public V get(K key) {
    return accessor.get(requireKey(key));
  }

  /** Sets the value of {@code key}; a null value removes the entry. */
  public void set(K key, V value) {
    if (value == null) {
      accessor.remove(requireKey(key));
    } else {
      accessor.set(requireKey(key), value);
    }
  }

  public void remove(K key) {
    accessor.remove(requireKey(key));
  }

  /**
   * The entries, in no particular order. The view is read-only: change the table through {@link
   * #set} and {@link #remove}, and not while iterating.
   */
  public Iterable<Map.Entry<K, V>> entries() {
    return accessor.entries();
  }

  public Iterable<K> keys() {
    return accessor.keys();
  }

  public Iterable<V> values() {
    return accessor.values();
  }

  public void clear() {
    accessor.clear();
  }

  private K requireKey(K key) {
    if (key == null) {
      throw new IllegalArgumentException("PersistedTable '" + name + "' does not take null keys");
    }
    return key;
  }

  void bind(TableAccessor<K, V> accessor) {
    this.accessor = Objects.requireNonNull(accessor);
  }

  @Override
  public String toString() {
    return "PersistedTable{name="
        + name
        + ", keyType="
        + keyType.getName()
        + ", valueType="
        + valueType.getName()
        + ", "
        + expiration
        + '}';
  }

  private static final class InMemoryTableAccessor<K, V> implements TableAccessor<K, V> {
    private final Map<K, V> entries = new HashMap<>();

    @Override
    public V get(K key) {
      return entries.get(key);
    }

    @Override
    public void set(K key, V value) {
      entries.put(key, value);
    }

    @Override
    public void remove(K key) {
      entries.remove(key);
    }

    @Override
    public Iterable<Map.Entry<K, V>> entries() {
      return Collections.unmodifiableMap(entries).entrySet();
    }

    @Override
    public Iterable<K> keys() {
      return Collections.unmodifiableSet(entries.keySet());
    }

    @Override
    public Iterable<V> values() {
      return Collections.unmodifiableCollection(entries.values());
    }

    @Override
    public void clear() {
      entries.clear();
    }
  }
}
