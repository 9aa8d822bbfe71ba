package io.statefun.flink.core.failure;

import java.util.ArrayList;
import org.apache.flink.annotation.Internal;

/**
 * Undoes the keyed-state effects of one invocation that failed under the {@code dead-letter}
 * policy: state writes, delayed messages scheduled or cancelled, async operations recorded. Each
 * effect, while recording, adds the action that reverts it; a failed invocation runs them newest
 * first, a successful one forgets them. Only function types with the dead-letter policy record, so
 * the others pay one branch per write. Task thread only; one per operator, reused.
 */
@Internal
public final class UndoLog {
  private final ArrayList<Runnable> undos = new ArrayList<>();
  private boolean recording;
  private long invocation;

  /** Starts recording for a new invocation. */
  public void begin() {
    recording = true;
    invocation++;
  }

  public boolean recording() {
    return recording;
  }

  /**
   * Identifies the invocation being recorded, so a state can note that it already saved its
   * previous value in this invocation.
   */
  public long invocation() {
    return invocation;
  }

  /** Adds the action that reverts an effect just made; only while recording. */
  public void add(Runnable undo) {
    undos.add(undo);
  }

  /** The invocation succeeded: its effects stay. */
  public void commit() {
    if (!undos.isEmpty()) {
      undos.clear();
    }
    recording = false;
  }

  /** The invocation failed: reverts its effects, newest first. */
  public void rollback() {
    recording = false;
    for (int i = undos.size() - 1; i >= 0; i--) {
      undos.get(i).run();
    }
    undos.clear();
  }
}
