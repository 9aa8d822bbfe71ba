package io.statefun.flink.core.message;

import java.io.IOException;
import org.apache.flink.annotation.Internal;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Stands in for a payload that arrived (from the network, state or a checkpoint's feedback log) but
 * could not be deserialized. It carries what is known, so the function operator can apply the
 * target's failure policy: fail naming the target and the payload class, or dead-letter the bytes.
 * It is never handed to a function. Serialized again (the feedback channel sizes and spills
 * records, a checkpoint logs those in flight), it stays what it is: its bytes are kept as they
 * came.
 */
@Internal
public final class UnreadablePayload {
  private final String serializer;
  private final String payloadClass;
  private final byte[] bytes;
  private final String reason;

  UnreadablePayload(String serializer, UnreadablePayloadException failure) {
    this.serializer = serializer;
    this.payloadClass = failure.payloadClass();
    this.bytes = failure.bytes();
    Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
    this.reason = failure.getMessage() + (cause == failure ? "" : ": " + cause);
  }

  UnreadablePayload(String serializer, String payloadClass, byte[] bytes, String reason) {
    this.serializer = serializer;
    this.payloadClass = payloadClass;
    this.bytes = bytes;
    this.reason = reason;
  }

  void writeTo(DataOutputView out) throws IOException {
    StringValue.writeString(serializer, out);
    out.writeBoolean(payloadClass != null);
    if (payloadClass != null) {
      StringValue.writeString(payloadClass, out);
    }
    out.writeInt(bytes.length);
    out.write(bytes);
    StringValue.writeString(reason, out);
  }

  static UnreadablePayload readFrom(DataInputView in) throws IOException {
    String serializer = StringValue.readString(in);
    String payloadClass = in.readBoolean() ? StringValue.readString(in) : null;
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    return new UnreadablePayload(serializer, payloadClass, bytes, StringValue.readString(in));
  }

  /** The payload serializer that wrote it ({@code kryo}, {@code protobuf}, …). */
  public String serializer() {
    return serializer;
  }

  /** The payload's class name as written, or null if its format does not say. */
  public String payloadClass() {
    return payloadClass;
  }

  /** The payload's bytes in its serializer's format. */
  public byte[] bytes() {
    return bytes;
  }

  /** Why it could not be read. */
  public String reason() {
    return reason;
  }

  @Override
  public String toString() {
    return "unreadable "
        + serializer
        + " payload of class "
        + (payloadClass == null ? "<not recorded>" : payloadClass)
        + " ("
        + bytes.length
        + " bytes): "
        + reason;
  }
}
