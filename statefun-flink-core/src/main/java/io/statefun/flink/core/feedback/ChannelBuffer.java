package io.statefun.flink.core.feedback;

import java.io.IOException;
import java.util.ArrayList;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * Where the records of a feedback channel wait: as objects in memory up to a budget, then in the
 * spill. Order is kept by one rule: once a record is spilled, every later record is spilled too
 * until the consumer has taken the whole spill, so the objects in memory always precede the spill.
 * Not thread-safe: the channel's lock guards it.
 */
final class ChannelBuffer<T> {
  /** Records in memory that the consumer has not taken, in order. */
  private ArrayList<T> incoming = new ArrayList<>();

  /** An empty list to swap in, so steady state allocates nothing. */
  private ArrayList<T> spare = new ArrayList<>();

  /** Serialized bytes of {@link #incoming}. */
  private long incomingBytes;

  /** Serialized bytes of {@link #incoming} and of the objects the consumer took and still holds. */
  private long memoryBytes;

  private long memoryBudget = Long.MAX_VALUE;

  /** Records go to the spill until the consumer has taken all of it. */
  private boolean spilling;

  /** Null while the buffer is unbounded. */
  private ChannelSpill spill;

  boolean isLimited() {
    return spill != null;
  }

  void limit(long memoryBudget, ChannelSpill spill) {
    this.memoryBudget = memoryBudget;
    this.spill = spill;
  }

  /**
   * Keeps {@code record}, which counts for {@code length} bytes in memory.
   *
   * @throws IOException if it had to be spilled and could not be written
   */
  void add(T record, int length, RecordSizer<T> sizer) throws IOException {
    if (spill == null || (!spilling && memoryBytes + length <= memoryBudget)) {
      incoming.add(record);
      incomingBytes += length;
      memoryBytes += length;
    } else {
      DataOutputSerializer bytes = sizer.serialized(record);
      spilling = true;
      spill.append(bytes.getSharedBuffer(), bytes.length());
    }
  }

  /**
   * The objects in memory, taken in order, or null if there are none. The list is the consumer's
   * until it empties it; their bytes stay counted until {@link #release}d.
   */
  ArrayList<T> takeObjects() {
    if (incoming.isEmpty()) {
      return null;
    }
    ArrayList<T> taken = incoming;
    incoming = spare;
    spare = taken;
    incomingBytes = 0;
    return taken;
  }

  /** Serialized bytes of what {@link #takeObjects} would take now. */
  long objectBytes() {
    return incomingBytes;
  }

  /** The spill's oldest block, or null if the spill is empty. */
  ChannelSpill.Block takeBlock() {
    if (spill == null || spill.isEmpty()) {
      return null;
    }
    ChannelSpill.Block block = spill.takeOldest();
    // Once the consumer holds the whole spill, records put later may stay in memory again: they
    // are delivered after the block taken now.
    spilling = !spill.isEmpty();
    return block;
  }

  /** Gives back the memory of taken objects the consumer no longer holds. */
  void release(long bytes) {
    memoryBytes -= bytes;
  }

  /** Drops every record and deletes the spill's files. */
  void clear() {
    incoming.clear();
    if (spill != null) {
      spill.close();
    }
  }

  long memoryBytes() {
    return memoryBytes;
  }

  long spillBytes() {
    return spill == null ? 0 : spill.bytes();
  }

  long spilledBytesTotal() {
    return spill == null ? 0 : spill.bytesWrittenTotal();
  }

  int spillFilesPending() {
    return spill == null ? 0 : spill.filesPending();
  }
}
