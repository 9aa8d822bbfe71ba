package io.statefun.flink.core.feedback;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import org.apache.flink.core.memory.DataInputDeserializer;

/**
 * The run of records a feedback channel's consumer has taken from the producer's side and not yet
 * delivered: either objects that were held in memory, or one spill block read back. Used only on
 * the consumer's thread.
 */
final class TakenRun<T> {
  private final ArrayDeque<T> objects = new ArrayDeque<>();
  private final DataInputDeserializer block = new DataInputDeserializer();
  private RecordCodec<T> codec;

  /**
   * Serialized bytes of {@link #objects}, handed back to the channel's budget once they are out.
   */
  private long objectBytes;

  private int blockRemaining;

  /** The codec that reads spilled records back; null if the channel cannot spill. */
  void readWith(RecordCodec<T> codec) {
    this.codec = codec;
  }

  /** The next record of the run, or null once it is exhausted. */
  T next() throws IOException {
    T record = objects.pollFirst();
    if (record != null) {
      return record;
    }
    if (blockRemaining > 0) {
      blockRemaining--;
      return codec.read(block);
    }
    return null;
  }

  /** Takes {@code records} (emptying the list) as the run; returns the first. */
  T takeObjects(List<T> records, long bytes) {
    objects.addAll(records);
    records.clear();
    objectBytes = bytes;
    return objects.pollFirst();
  }

  /** Takes a spill block as the run; returns its first record. */
  T takeBlock(ChannelSpill.Block taken) throws IOException {
    if (codec == null) {
      throw new IllegalStateException(
          "the feedback channel spilled records but its consumer registered without a codec");
    }
    block.setBuffer(taken.load(), 0, taken.length);
    blockRemaining = taken.records - 1;
    return codec.read(block);
  }

  /** The memory bytes of objects no longer held, to give back to the budget (then zero). */
  long releasedBytes() {
    if (!objects.isEmpty()) {
      return 0;
    }
    long released = objectBytes;
    objectBytes = 0;
    return released;
  }
}
