package io.statefun.flink.core.feedback;

import java.io.File;
import java.io.IOException;
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
 * <p>With {@link #limitMemory} the channel holds at most a memory budget of records (counted by
 * their serialized size, see {@link RecordSizer}) as objects and spills the rest, serialized, to
 * block files, in order (see {@link ChannelBuffer}). Without a limit the channel is unbounded.
 *
 * <p>Records put before a consumer registers are kept and delivered once it does.
 */
@Internal
public final class FeedbackChannel<T> {
  private final Object lock = new Object();

  /** Guarded by {@link #lock}. */
  private final ChannelBuffer<T> buffer = new ChannelBuffer<>();

  /** Guarded by {@link #lock}: records put and not yet delivered. */
  private long pending;

  /** Guarded by {@link #lock}: a drain mail is queued or running. */
  private boolean drainScheduled;

  private volatile boolean closed;
  private MailboxExecutor mailbox;
  private FeedbackConsumer<T> consumer;
  private int batchSize;

  /** Producer only; null while the channel is unbounded. */
  private RecordSizer<T> sizer;

  /** Consumer-thread only: the run taken from the producer's side and not yet delivered. */
  private final TakenRun<T> taken = new TakenRun<>();

  /**
   * Bounds the records the channel holds in memory; call from the producer before its first put.
   *
   * @param codec the producer's codec, which serializes sampled records to measure them and every
   *     spilled record
   * @param memoryBytes serialized bytes of records kept in memory; the rest is spilled
   * @param spillDirectory where the spill's block files go
   */
  public void limitMemory(RecordCodec<T> codec, long memoryBytes, File spillDirectory) {
    int blockBytes = (int) Math.max(4 * 1024, Math.min(1024 * 1024, memoryBytes / 4));
    synchronized (lock) {
      if (buffer.isLimited()) {
        throw new IllegalStateException("the feedback channel's memory is already limited");
      }
      this.sizer = new RecordSizer<>(codec);
      buffer.limit(memoryBytes, new ChannelSpill(spillDirectory, blockBytes));
    }
  }

  /**
   * Producer side; any thread, one at a time.
   *
   * @throws IOException if the record had to be spilled and could not be written
   */
  public void put(T record) throws IOException {
    RecordSizer<T> sizer = this.sizer;
    int length = sizer == null ? 0 : sizer.sizeOf(record);
    boolean schedule;
    synchronized (lock) {
      if (closed) {
        return;
      }
      buffer.add(record, length, sizer);
      pending++;
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
   * Only for a channel whose memory is not limited.
   */
  public void registerConsumer(
      FeedbackConsumer<T> consumer, MailboxExecutor mailbox, int batchSize) {
    registerConsumer(consumer, mailbox, batchSize, null);
  }

  /**
   * Starts delivering to {@code consumer} through {@code mailbox}; call from the mailbox thread.
   *
   * @param codec the consumer's codec, which reads spilled records back; null if none can be
   */
  public void registerConsumer(
      FeedbackConsumer<T> consumer, MailboxExecutor mailbox, int batchSize, RecordCodec<T> codec) {
    boolean schedule;
    synchronized (lock) {
      taken.readWith(codec);
      this.consumer = consumer;
      this.batchSize = batchSize;
      this.mailbox = mailbox;
      schedule = pending > 0 && !drainScheduled;
      if (schedule) {
        drainScheduled = true;
      }
    }
    if (schedule) {
      scheduleDrain();
    }
  }

  /**
   * Stops delivery: records still in the channel are dropped with it, spill files are deleted, and
   * later puts are ignored.
   */
  public void close() {
    synchronized (lock) {
      closed = true;
      buffer.clear();
    }
  }

  /**
   * Closes the channel if no consumer ever registered: the producer's side, ending while no
   * consumer will ever take what it holds.
   */
  void closeIfUnconsumed() {
    synchronized (lock) {
      if (consumer != null) {
        return;
      }
    }
    close();
  }

  /** Records put but not yet delivered (exact between mails, else approximate). */
  public int size() {
    synchronized (lock) {
      return (int) Math.min(Integer.MAX_VALUE, pending);
    }
  }

  /** Bytes of the records now in the spill. */
  public long spillBytes() {
    synchronized (lock) {
      return buffer.spillBytes();
    }
  }

  /** Bytes written to spill files since the channel was created. */
  public long spilledBytesTotal() {
    synchronized (lock) {
      return buffer.spilledBytesTotal();
    }
  }

  /** Serialized bytes of the records held in memory (including a batch being delivered). */
  long memoryBytes() {
    synchronized (lock) {
      return buffer.memoryBytes();
    }
  }

  /** Spill block files not yet read back; for tests. */
  int spillFilesPending() {
    synchronized (lock) {
      return buffer.spillFilesPending();
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
    int delivered = 0;
    // A mail takes at most one run of records from the producer's side, so records that arrive
    // meanwhile (or that the consumer itself puts) wait for a later mail.
    boolean mayTake = true;
    while (delivered < batchSize) {
      T record = taken.next();
      if (record == null) {
        if (!mayTake || (record = takeNext()) == null) {
          break;
        }
        mayTake = false;
      }
      consumer.processFeedback(record);
      delivered++;
    }
    consumer.endOfFeedbackBatch();
    boolean more;
    synchronized (lock) {
      pending -= delivered;
      buffer.release(taken.releasedBytes());
      more = !closed && pending > 0;
      drainScheduled = more;
    }
    if (more) {
      scheduleDrain();
    }
  }

  /**
   * Takes the oldest run of records from the producer's side (the objects in memory, else the
   * spill's oldest block) and returns its first, or null if there is none. Consumer thread.
   */
  private T takeNext() throws IOException {
    ArrayList<T> objects;
    long bytes = 0;
    ChannelSpill.Block block = null;
    synchronized (lock) {
      buffer.release(taken.releasedBytes());
      // Records in memory precede the spill: they were put before spilling began.
      bytes = buffer.objectBytes();
      objects = buffer.takeObjects();
      if (objects == null && (block = buffer.takeBlock()) == null) {
        return null;
      }
    }
    return objects != null ? taken.takeObjects(objects, bytes) : taken.takeBlock(block);
  }
}
