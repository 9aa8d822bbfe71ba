package io.statefun.flink.core.feedback;

import java.io.IOException;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * Tells a feedback channel's producer how many bytes a record takes, for the channel's memory
 * budget. Serializing every record only to measure it would cost a second serialization per hop, so
 * every 64th record is serialized and the others count as that size; a record that goes to the
 * spill is always serialized. Used only on the producer's thread.
 */
final class RecordSizer<T> {
  private static final int SAMPLE_MASK = 63;

  private final RecordCodec<T> codec;
  private final DataOutputSerializer scratch = new DataOutputSerializer(256);
  private long measured;
  private int estimatedBytes;
  private T serializedRecord;

  RecordSizer(RecordCodec<T> codec) {
    this.codec = codec;
  }

  /** The bytes {@code record} counts for in memory. */
  int sizeOf(T record) throws IOException {
    if ((measured++ & SAMPLE_MASK) != 0) {
      serializedRecord = null;
      return estimatedBytes;
    }
    serialize(record);
    estimatedBytes = scratch.length();
    return estimatedBytes;
  }

  /** {@code record} serialized, valid until the next call; reuses the sample when it is one. */
  DataOutputSerializer serialized(T record) throws IOException {
    if (serializedRecord != record) {
      serialize(record);
    }
    return scratch;
  }

  private void serialize(T record) throws IOException {
    scratch.clear();
    codec.write(record, scratch);
    serializedRecord = record;
  }
}
