package io.statefun.flink.core.feedback;

import io.statefun.flink.core.message.Message;
import io.statefun.flink.core.message.MessageSerializer;
import java.io.IOException;
import org.apache.flink.annotation.Internal;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The loop's records in the channel's spill: a tag byte, then a message in the envelope format or a
 * sentinel's checkpoint id.
 */
@Internal
public final class FeedbackRecordCodec implements RecordCodec<Object> {
  private static final byte MESSAGE = 0;
  private static final byte SENTINEL = 1;

  private final MessageSerializer serializer;

  /**
   * @param serializer used only by the thread this codec belongs to
   */
  public FeedbackRecordCodec(MessageSerializer serializer) {
    this.serializer = serializer;
  }

  @Override
  public void write(Object record, DataOutputView out) throws IOException {
    if (record instanceof Message) {
      out.writeByte(MESSAGE);
      serializer.serialize((Message) record, out);
    } else if (record instanceof CheckpointSentinel) {
      out.writeByte(SENTINEL);
      out.writeLong(((CheckpointSentinel) record).checkpointId());
    } else {
      throw new IllegalArgumentException("not a feedback record: " + record);
    }
  }

  @Override
  public Object read(DataInputView in) throws IOException {
    byte tag = in.readByte();
    switch (tag) {
      case MESSAGE:
        return serializer.deserialize(in);
      case SENTINEL:
        return new CheckpointSentinel(in.readLong());
      default:
        throw new IOException("corrupt feedback spill: unknown record tag " + tag);
    }
  }
}
