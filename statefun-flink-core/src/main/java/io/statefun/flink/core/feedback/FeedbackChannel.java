package io.statefun.flink.core.feedback;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.concurrent.RejectedExecutionException;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.operators.MailboxExecutor;

/**
 * A single-producer, single-consumer hand-off from the feedback tail's thread to the function
 * operator's mailbox thread. {@link #put} never blocks: a blocking hand-off inside a cycle can
 * deadlock. Records are delivered as mails, at most {@code batchSize} per mail so that a busy loop
 * does not starve checkpoints and input.
 *
 * <p>Records put before a consumer registers are kept and delivered once it does.
 */
@Internal
public final class FeedbackChannel<T> {
  private final Object lock = new Object();

  /** Guarded by {@link #lock}: records the producer put that the consumer has not taken. */
  private ArrayList<T> incoming = new ArrayList<>();

  /** Guarded by {@link #lock}: an empty list to swap in, so steady state allocates nothing. */
  private ArrayList<T> spare = new ArrayList<>();

  /** Guarded by {@link #lock}: a drain mail is queued or running. */
  private boolean drainScheduled;

  private volatile boolean closed;
  private MailboxExecutor mailbox;
  private FeedbackConsumer<T> consumer;
  private int batchSize;

  /** Consumer-thread only: records taken from {@link #incoming} but not yet delivered. */
  private final ArrayDeque<T> draining = new ArrayDeque<>();

  /** Producer side; any thread, one at a time. */
  public void put(T record) {
    boolean schedule;
    synchronized (lock) {
      incoming.add(record);
      schedule = mailbox != null && !drainScheduled;
      if (schedule) {
        drainScheduled = true;
      }
    }
    if (schedule) {
      scheduleDrain();
    }
  }

  /**
   * Starts delivering to {@code consumer} through {@code mailbox}; call from the mailbox thread.
   */
  public void registerConsumer(
      FeedbackConsumer<T> consumer, MailboxExecutor mailbox, int batchSize) {
    boolean schedule;
    synchronized (lock) {
      this.consumer = consumer;
      this.batchSize = batchSize;
      this.mailbox = mailbox;
      schedule = !incoming.isEmpty() && !drainScheduled;
      if (schedule) {
        drainScheduled = true;
      }
    }
    if (schedule) {
      scheduleDrain();
    }
  }

  /** Stops delivery; records still in the channel are dropped with it. */
  public void close() {
    closed = true;
  }

  /** Records put but not yet delivered (approximate when read from another thread). */
  public int size() {
    synchronized (lock) {
      return incoming.size() + draining.size();
    }
  }

  private void scheduleDrain() {
    if (closed) {
      return;
    }
    try {
      mailbox.execute(this::drain, "statefun-feedback");
    } catch (RejectedExecutionException e) {
      // The consumer's task is shutting down; its state will be restored from a checkpoint.
      closed = true;
    }
  }

  private void drain() throws Exception {
    if (closed) {
      return;
    }
    if (draining.isEmpty()) {
      synchronized (lock) {
        ArrayList<T> taken = incoming;
        incoming = spare;
        spare = taken;
      }
      draining.addAll(spare);
      spare.clear();
    }
    int budget = batchSize;
    T record;
    while (budget-- > 0 && (record = draining.pollFirst()) != null) {
      consumer.processFeedback(record);
    }
    consumer.endOfFeedbackBatch();
    boolean more;
    synchronized (lock) {
      more = !draining.isEmpty() || !incoming.isEmpty();
      drainScheduled = more;
    }
    if (more) {
      scheduleDrain();
    }
  }
}
