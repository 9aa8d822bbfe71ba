package io.statefun.flink.core.functions;

import io.statefun.flink.core.message.Message;
import io.statefun.flink.core.message.MessageSerializer;
import io.statefun.flink.core.message.UnreadablePayload;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * Serializes a message and reads it back, as a message that crosses subtasks or rests in state is,
 * so a payload that cannot travel fails at the send that made it, with the culprit named, on every
 * backend and at every parallelism. Task thread only; the buffers are reused.
 */
final class SerializationCheck {
  private final DataOutputSerializer out = new DataOutputSerializer(256);
  private final DataInputDeserializer in = new DataInputDeserializer();
  private MessageSerializer serializer;

  SerializationCheck(MessageSerializer serializer) {
    this.serializer = serializer;
  }

  /**
   * @param what the kind of send, for the message ("sent", "sent with sendAfter")
   * @return the message as read back
   * @throws PayloadNotSerializableException naming sender, target and payload class if the payload
   *     cannot be serialized or read back
   */
  Message roundTrip(Message message, String what) {
    try {
      out.clear();
      serializer.serialize(message, out);
      in.setBuffer(out.getSharedBuffer(), 0, out.length());
      Message readBack = serializer.deserialize(in);
      if (readBack.payload() instanceof UnreadablePayload) {
        throw new IOException(readBack.payload().toString());
      }
      return readBack;
    } catch (Exception | StackOverflowError e) {
      // A serializer that failed midway (Kryo keeps a half-written buffer) is not reused.
      serializer = (MessageSerializer) serializer.duplicate();
      Object payload = message.payload();
      throw new PayloadNotSerializableException(
          message.source()
              + " "
              + what
              + " to "
              + message.target()
              + " a payload of class "
              + (payload == null ? "null" : payload.getClass().getName())
              + " that cannot be serialized and read back with the "
              + serializer.kind().name()
              + " payload serializer: "
              + e,
          e);
    }
  }
}
