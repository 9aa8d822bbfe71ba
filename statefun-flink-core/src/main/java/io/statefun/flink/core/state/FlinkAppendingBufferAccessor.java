package io.statefun.flink.core.state;

import io.statefun.flink.core.failure.UndoLog;
import io.statefun.sdk.state.AppendingBufferAccessor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.util.FlinkRuntimeException;

final class FlinkAppendingBufferAccessor<E> implements AppendingBufferAccessor<E> {
  private final ListState<E> state;

  /** Names the function type and the state, for errors (a value that cannot be read back). */
  private final String description;

  /** Null unless failed invocations are undone. */
  private final UndoLog undo;

  /** The invocation whose previous elements are already saved in {@link #undo}. */
  private long savedFor = -1;

  FlinkAppendingBufferAccessor(ListState<E> state, String description, UndoLog undo) {
    this.state = state;
    this.description = description;
    this.undo = undo;
  }

  /** Before the first write of a recorded invocation: saves the elements to restore on failure. */
  private void saveForUndo() {
    if (undo == null || !undo.recording() || savedFor == undo.invocation()) {
      return;
    }
    savedFor = undo.invocation();
    List<E> previous = new ArrayList<>();
    view().forEach(previous::add);
    undo.add(
        () -> {
          try {
            if (previous.isEmpty()) {
              state.clear();
            } else {
              state.update(previous);
            }
          } catch (Exception e) {
            throw new FlinkRuntimeException("cannot restore " + description, e);
          }
        });
  }

  @Override
  public void append(E element) {
    try {
      saveForUndo();
      state.add(element);
    } catch (Exception e) {
      throw new FlinkRuntimeException("cannot access " + description, e);
    }
  }

  @Override
  public void appendAll(List<E> elements) {
    try {
      saveForUndo();
      state.addAll(elements);
    } catch (Exception e) {
      throw new FlinkRuntimeException("cannot access " + description, e);
    }
  }

  @Override
  public void replaceWith(List<E> elements) {
    try {
      saveForUndo();
      state.update(elements);
    } catch (Exception e) {
      throw new FlinkRuntimeException("cannot access " + description, e);
    }
  }

  @Override
  public Iterable<E> view() {
    try {
      Iterable<E> elements = state.get();
      return elements != null ? elements : Collections.emptyList();
    } catch (Exception e) {
      throw new FlinkRuntimeException("cannot access " + description, e);
    }
  }

  @Override
  public void clear() {
    saveForUndo();
    state.clear();
  }
}
