package io.statefun.flink.core.functions;

import io.statefun.flink.core.failure.UndoLog;

/**
 * Makes an invocation of a dead-letter function type all or nothing: its sends and egress records
 * are held until it returns, its keyed-state effects (state, delayed messages, async operations)
 * are recorded in the undo log. On success the held effects are released; on failure they are
 * dropped and the state effects undone. Task thread only; one per operator.
 */
final class AtomicInvocation {
  private final UndoLog undo;
  private final HeldEffects held = new HeldEffects();
  private final Outbox outbox;
  private boolean active;

  AtomicInvocation(UndoLog undo, Outbox outbox) {
    this.undo = undo;
    this.outbox = outbox;
  }

  void begin() {
    active = true;
    undo.begin();
  }

  /** Whether an atomic invocation is in progress: its sends must be held. */
  boolean active() {
    return active;
  }

  HeldEffects held() {
    return held;
  }

  void commit() {
    active = false;
    undo.commit();
    held.release(outbox);
  }

  void rollback() {
    active = false;
    held.discard();
    undo.rollback();
  }
}
