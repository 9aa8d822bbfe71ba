package io.statefun.flink.core.feedback;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.concurrent.RejectedExecutionException;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * A single-producer, single-consumer hand-off from the feedback tail's thread to the function
 * operator's mailbox thread. {@link #put} never blocks: a blocking hand-off inside a cycle can
 * deadlock. Records are delivered as mails, at most {@code batchSize} per mail so that a busy loop
 * does not starve checkpoints and input.
 *
 * <p>With {@link #limitMemory} the channel holds at most a memory budget of records (counted by
 * their serialized size, sampled every 64th record) as objects and spills the rest, serialized, to
 * block files (see {@link ChannelSpill}). Order is kept by one rule: once a record is spilled,
 * every later record is spilled too until the consumer has taken the whole spill, so the objects in
 * memory always precede the spill. Without a limit the channel is unbounded.
 *
 * <p>Records put before a consumer registers are kept and delivered once it does.
 */
@Internal
public final class FeedbackChannel<T> {
  private final Object lock = new Object();

  /** Guarded by {@link #lock}: records in memory that the consumer has not taken, in order. */
  private ArrayList<T> incoming = new ArrayList<>();

  /** Guarded by {@link #lock}: an empty list to swap in, so steady state allocates nothing. */
  private ArrayList<T> spare = new ArrayList<>();

  /** Guarded by {@link #lock}: serialized bytes of {@link #incoming}. */
  private long incomingBytes;

  /**
   * Guarded by {@link #lock}: serialized bytes of {@link #incoming} and of the objects the consumer
   * took.
   */
  private long memoryBytes;

  /** Guarded by {@link #lock}: records put and not yet delivered. */
  private long pending;

  /** Guarded by {@link #lock}: records go to the spill until the consumer has taken all of it. */
  private boolean spilling;

  /** Guarded by {@link #lock}; null while the channel is unbounded. */
  private ChannelSpill spill;

  /** Guarded by {@link #lock}: a drain mail is queued or running. */
  private boolean drainScheduled;

  private long memoryBudget = Long.MAX_VALUE;
  private volatile boolean closed;
  private MailboxExecutor mailbox;
  private FeedbackConsumer<T> consumer;
  private int batchSize;

  /** Producer only. */
  private RecordCodec<T> producerCodec;

  private final DataOutputSerializer producerScratch = new DataOutputSerializer(256);

  /** Producer only: every 64th record is serialized to keep the size estimate current. */
  private static final int SIZE_SAMPLE_MASK = 63;

  /** Producer only. */
  private long putCount;

  /** Producer only: the serialized size of the last sampled record. */
  private int estimatedRecordBytes;

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
      if (spill != null) {
        throw new IllegalStateException("the feedback channel's memory is already limited");
      }
      this.producerCodec = codec;
      this.memoryBudget = memoryBytes;
      this.spill = new ChannelSpill(spillDirectory, blockBytes);
    }
  }

  /**
   * Producer side; any thread, one at a time.
   *
   * @throws IOException if the record had to be spilled and could not be written
   */
  public void put(T record) throws IOException {
    // Serializing every record only to measure it would cost a second serialization per hop on
    // the hot path, so sizes come from a sample and only records that spill are always serialized.
    int length = 0;
    boolean serialized = false;
    RecordCodec<T> codec = producerCodec;
    if (codec != null) {
      if ((putCount++ & SIZE_SAMPLE_MASK) == 0) {
        producerScratch.clear();
        codec.write(record, producerScratch);
        length = producerScratch.length();
        estimatedRecordBytes = length;
        serialized = true;
      } else {
        length = estimatedRecordBytes;
      }
    }
    boolean schedule;
    synchronized (lock) {
      if (closed) {
        return;
      }
      if (spill == null || (!spilling && memoryBytes + length <= memoryBudget)) {
        incoming.add(record);
        incomingBytes += length;
        memoryBytes += length;
      } else {
        if (!serialized) {
          producerScratch.clear();
          codec.write(record, producerScratch);
        }
        spilling = true;
        spill.append(producerScratch.getSharedBuffer(), producerScratch.length());
      }
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
      incoming.clear();
      if (spill != null) {
        spill.close();
      }
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
      return spill == null ? 0 : spill.bytes();
    }
  }

  /** Bytes written to spill files since the channel was created. */
  public long spilledBytesTotal() {
    synchronized (lock) {
      return spill == null ? 0 : spill.bytesWrittenTotal();
    }
  }

  /** Serialized bytes of the records held in memory (including a batch being delivered). */
  long memoryBytes() {
    synchronized (lock) {
      return memoryBytes;
    }
  }

  /** Spill block files not yet read back; for tests. */
  int spillFilesPending() {
    synchronized (lock) {
      return spill == null ? 0 : spill.filesPending();
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
      memoryBytes -= taken.releasedBytes();
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
    ChannelSpill.Block block;
    long bytes;
    synchronized (lock) {
      memoryBytes -= taken.releasedBytes();
      if (!incoming.isEmpty()) {
        // Records in memory precede the spill: they were put before spilling began.
        ArrayList<T> swapped = incoming;
        incoming = spare;
        spare = swapped;
        bytes = incomingBytes;
        incomingBytes = 0;
        block = null;
      } else if (spill != null && !spill.isEmpty()) {
        block = spill.takeOldest();
        bytes = 0;
        // Once the consumer holds the whole spill, records put later may stay in memory again:
        // they are delivered after the block taken now.
        spilling = !spill.isEmpty();
      } else {
        return null;
      }
    }
    return block == null ? taken.takeObjects(spare, bytes) : taken.takeBlock(block);
  }
}
