package io.statefun.flink.core.feedback;

import java.io.IOException;
import org.apache.flink.annotation.Internal;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Writes and reads the records of a feedback channel, for the part of it that does not fit its
 * memory budget. Not thread-safe: the producer and the consumer each use their own.
 */
@Internal
public interface RecordCodec<T> {

  void write(T record, DataOutputView out) throws IOException;

  T read(DataInputView in) throws IOException;
}
