package io.statefun.sdk.state;

import java.util.List;

/** Where a {@link PersistedAppendingBuffer} keeps its elements; see {@link ValueAccessor}. */
public interface AppendingBufferAccessor<E> {

  void append(E element);

  void appendAll(List<E> elements);

  void replaceWith(List<E> elements);

  /** The elements in insertion order; empty, never null, when there are none. */
  Iterable<E> view();

  void clear();
}
