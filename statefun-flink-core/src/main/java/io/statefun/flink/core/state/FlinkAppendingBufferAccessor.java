package io.statefun.flink.core.state;

import io.statefun.sdk.state.AppendingBufferAccessor;
import java.util.Collections;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.util.FlinkRuntimeException;

final class FlinkAppendingBufferAccessor<E> implements AppendingBufferAccessor<E> {
  private final ListState<E> state;

  FlinkAppendingBufferAccessor(ListState<E> state) {
    this.state = state;
  }

  @Override
  public void append(E element) {
    try {
      state.add(element);
    } catch (Exception e) {
      throw new FlinkRuntimeException(e);
    }
  }

  @Override
  public void appendAll(List<E> elements) {
    try {
      state.addAll(elements);
    } catch (Exception e) {
      throw new FlinkRuntimeException(e);
    }
  }

  @Override
  public void replaceWith(List<E> elements) {
    try {
      state.update(elements);
    } catch (Exception e) {
      throw new FlinkRuntimeException(e);
    }
  }

  @Override
  public Iterable<E> view() {
    try {
      Iterable<E> elements = state.get();
      return elements != null ? elements : Collections.emptyList();
    } catch (Exception e) {
      throw new FlinkRuntimeException(e);
    }
  }

  @Override
  public void clear() {
    state.clear();
  }
}
