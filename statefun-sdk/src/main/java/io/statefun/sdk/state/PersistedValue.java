package io.statefun.sdk.state;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One persisted value of the invoked address. Declare it as a {@code @Persisted} field (or register
 * it with a {@link PersistedStateRegistry}); the runtime binds it to the address being invoked. Not
 * bound to a runtime, it keeps a single value in memory, which is convenient in unit tests.
 *
 * @param <T> the value's type; the runtime picks a serializer for it
 */
public final class PersistedValue<T> {
  private final String name;
  private final Class<T> type;
  private final Expiration expiration;
  private ValueAccessor<T> accessor;

  private PersistedValue(String name, Class<T> type, Expiration expiration) {
    this.name = StateNames.validate(name);
    this.type = StateNames.requireArgument(type, "type", name);
    this.expiration = StateNames.requireArgument(expiration, "expiration", name);
    this.accessor = new InMemoryValueAccessor<>();
  }

  /**
   * @throws IllegalArgumentException if the name is null, empty or not a valid state name, or the
   *     type is null
   */
  public static <T> PersistedValue<T> of(String name, Class<T> type) {
    return of(name, type, Expiration.none());
  }

  /**
   * @throws IllegalArgumentException if the name is null, empty or not a valid state name, or the
   *     type or expiration is null
   */
  public static <T> PersistedValue<T> of(String name, Class<T> type, Expiration expiration) {
    return new PersistedValue<>(name, type, expiration);
  }

  public String name() {
    return name;
  }

  public Class<T> type() {
    return type;
  }

  public Expiration expiration() {
    return expiration;
  }

  /** The value, or null if none is set (or it expired). */
  public T get() {
    return accessor.get();
  }

  /** Sets the value; {@code null} clears it. */
  public void set(T value) {
    if (value == null) {
      accessor.clear();
    } else {
      accessor.set(value);
    }
  }

  public void clear() {
    accessor.clear();
  }

  /** The value, or {@code orElse} if none is set. Does not store {@code orElse}. */
  public T getOrDefault(T orElse) {
    T value = accessor.get();
    return value != null ? value : orElse;
  }

  /** The value, or the supplier's result if none is set. Does not store that result. */
  public T getOrDefault(Supplier<T> orElse) {
    T value = accessor.get();
    return value != null ? value : orElse.get();
  }

  /**
   * Replaces the value with {@code update(current)} (current may be null; a null result clears) and
   * returns the new value.
   */
  public T updateAndGet(Function<T, T> update) {
    T next = update.apply(accessor.get());
    set(next);
    return next;
  }

  /** Like {@link #updateAndGet} but returns the previous value. */
  public T getAndUpdate(Function<T, T> update) {
    T previous = accessor.get();
    set(update.apply(previous));
    return previous;
  }

  void bind(ValueAccessor<T> accessor) {
    this.accessor = Objects.requireNonNull(accessor);
  }

  @Override
  public String toString() {
    return "PersistedValue{name=" + name + ", type=" + type.getName() + ", " + expiration + '}';
  }

  private static final class InMemoryValueAccessor<T> implements ValueAccessor<T> {
    private T value;

    @Override
    public T get() {
      return value;
    }

    @Override
    public void set(T value) {
      this.value = value;
    }

    @Override
    public void clear() {
      value = null;
    }
  }
}
