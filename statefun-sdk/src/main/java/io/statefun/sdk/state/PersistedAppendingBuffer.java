package io.statefun.sdk.state;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A persisted list of the invoked address that is cheap to append to (the runtime does not read the
 * list to append). Bound by the runtime like {@link PersistedValue}; unbound, it keeps its elements
 * in memory.
 *
 * @param <E> element type
 */
public final class PersistedAppendingBuffer<E> {
  private final String name;
  private final Class<E> elementType;
  private final Expiration expiration;
  private AppendingBufferAccessor<E> accessor;

  private PersistedAppendingBuffer(String name, Class<E> elementType, Expiration expiration) {
    this.name = StateNames.validate(name);
    this.elementType = StateNames.requireArgument(elementType, "element type", name);
    this.expiration = StateNames.requireArgument(expiration, "expiration", name);
    this.accessor = new InMemoryBufferAccessor<>();
  }

  /**
   * @throws IllegalArgumentException if the name is not a valid state name, or the element type is
   *     null
   */
  public static <E> PersistedAppendingBuffer<E> of(String name, Class<E> elementType) {
    return of(name, elementType, Expiration.none());
  }

  /**
   * With {@link Expiration}, the buffer expires as a whole.
   *
   * @throws IllegalArgumentException if the name is not a valid state name, or the element type or
   *     the expiration is null
   */
  public static <E> PersistedAppendingBuffer<E> of(
      String name, Class<E> elementType, Expiration expiration) {
    return new PersistedAppendingBuffer<>(name, elementType, expiration);
  }

  public String name() {
    return name;
  }

  public Class<E> elementType() {
    return elementType;
  }

  public Expiration expiration() {
    return expiration;
  }

  /**
   * @throws IllegalArgumentException if the element is null
   */
  public void append(E element) {
    accessor.append(requireElement(element));
  }

  /**
   * @throws IllegalArgumentException if the list or any element is null
   */
  public void appendAll(List<E> elements) {
    accessor.appendAll(requireElements(elements));
  }

  /**
   * Replaces the whole buffer; an empty list clears it.
   *
   * @throws IllegalArgumentException if the list or any element is null
   */
  public void replaceWith(List<E> elements) {
    accessor.replaceWith(requireElements(elements));
  }

  /** The elements in insertion order, read-only; empty (never null) when there are none. */
  public Iterable<E> view() {
    return accessor.view();
  }

  public void clear() {
    accessor.clear();
  }

  private E requireElement(E element) {
    if (element == null) {
      throw new IllegalArgumentException(
          "PersistedAppendingBuffer '" + name + "' does not take null elements");
    }
    return element;
  }

  private List<E> requireElements(List<E> elements) {
    if (elements == null) {
      throw new IllegalArgumentException(
          "PersistedAppendingBuffer '" + name + "' was given a null list");
    }
    for (E element : elements) {
      requireElement(element);
    }
    return elements;
  }

  void bind(AppendingBufferAccessor<E> accessor) {
    this.accessor = Objects.requireNonNull(accessor);
  }

  @Override
  public String toString() {
    return "PersistedAppendingBuffer{name="
        + name
        + ", elementType="
        + elementType.getName()
        + ", "
        + expiration
        + '}';
  }

  private static final class InMemoryBufferAccessor<E> implements AppendingBufferAccessor<E> {
    private final List<E> elements = new ArrayList<>();

    @Override
    public void append(E element) {
      elements.add(element);
    }

    @Override
    public void appendAll(List<E> more) {
      elements.addAll(more);
    }

    @Override
    public void replaceWith(List<E> replacement) {
      elements.clear();
      elements.addAll(replacement);
    }

    @Override
    public Iterable<E> view() {
      return Collections.unmodifiableList(elements);
    }

    @Override
    public void clear() {
      elements.clear();
    }
  }
}
