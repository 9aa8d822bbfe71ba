package io.statefun.flink.core.state;

import io.statefun.flink.core.failure.UndoLog;
import io.statefun.sdk.state.ValueAccessor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.util.FlinkRuntimeException;

final class FlinkValueAccessor<T> implements ValueAccessor<T> {
  private final ValueState<T> state;

  /** Names the function type and the state, for errors (a value that cannot be read back). */
  private final String description;

  /** Null unless failed invocations are undone. */
  private final UndoLog undo;

  /** The invocation whose previous value is already saved in {@link #undo}. */
  private long savedFor = -1;

  FlinkValueAccessor(ValueState<T> state, String description, UndoLog undo) {
    this.state = state;
    this.description = description;
    this.undo = undo;
  }

  @Override
  public T get() {
    try {
      return state.value();
    } catch (Exception e) {
      throw new FlinkRuntimeException("cannot read " + description, e);
    }
  }

  @Override
  public void set(T value) {
    saveForUndo();
    try {
      state.update(value);
    } catch (Exception e) {
      throw new FlinkRuntimeException("cannot write " + description, e);
    }
  }

  @Override
  public void clear() {
    saveForUndo();
    state.clear();
  }

  /** Before the first write of a recorded invocation: saves the value to restore on failure. */
  private void saveForUndo() {
    if (undo == null || !undo.recording() || savedFor == undo.invocation()) {
      return;
    }
    savedFor = undo.invocation();
    T previous = get();
    undo.add(() -> restore(previous));
  }

  private void restore(T previous) {
    try {
      if (previous == null) {
        state.clear();
      } else {
        state.update(previous);
      }
    } catch (Exception e) {
      throw new FlinkRuntimeException("cannot restore " + description, e);
    }
  }
}
