package io.statefun.flink.core.failure;

import io.statefun.flink.core.message.AddressSerializer;
import io.statefun.flink.core.message.Message;
import io.statefun.flink.core.message.MessageSerializer;
import io.statefun.sdk.Address;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.io.DeadLetter;
import java.io.IOException;
import java.util.Objects;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeutils.CompositeTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dead letters on their way to the dead-letter egress's sink. The payload goes through the job's
 * message envelope (so protobuf payloads are protobuf, others use the configured payload
 * serializer); Kryo, Flink's fallback for {@link DeadLetter}, cannot copy protobuf payloads. A
 * payload that cannot be written is dropped from the letter, which keeps its description, rather
 * than failing the job that is setting a bad message aside.
 */
@Internal
public final class DeadLetterSerializer extends TypeSerializer<DeadLetter> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterSerializer.class);

  /** The envelope needs a target; the letter's own target is written separately. */
  private static final Address PAYLOAD_SLOT =
      new Address(new FunctionType("statefun", "dead-letter"), "payload");

  private static final int TARGET = 1;
  private static final int SENDER = 2;
  private static final int INGRESS = 4;
  private static final int PAYLOAD = 8;
  private static final int DESCRIPTION = 16;
  private static final int EXCEPTION_CLASS = 32;
  private static final int EXCEPTION_MESSAGE = 64;

  /** The payload is a {@code byte[]} (an unreadable payload's bytes), written as it is. */
  private static final int BYTES_PAYLOAD = 128;

  private final MessageSerializer messages;
  private final AddressSerializer addresses = new AddressSerializer();
  private transient DataOutputSerializer payloadBuffer;

  public DeadLetterSerializer(MessageSerializer messages) {
    this.messages = Objects.requireNonNull(messages);
  }

  @Override
  public void serialize(DeadLetter letter, DataOutputView target) throws IOException {
    boolean bytesPayload = letter.payload() instanceof byte[];
    byte[] payload = bytesPayload ? (byte[]) letter.payload() : payloadBytes(letter);
    int present =
        (letter.target() != null ? TARGET : 0)
            | (letter.sender() != null ? SENDER : 0)
            | (letter.ingress() != null ? INGRESS : 0)
            | (payload != null ? PAYLOAD : 0)
            | (letter.payloadDescription() != null ? DESCRIPTION : 0)
            | (letter.exceptionClass() != null ? EXCEPTION_CLASS : 0)
            | (letter.exceptionMessage() != null ? EXCEPTION_MESSAGE : 0)
            | (bytesPayload ? BYTES_PAYLOAD : 0);
    target.writeByte(present);
    StringValue.writeString(letter.cause().name(), target);
    if (letter.target() != null) {
      addresses.serialize(letter.target(), target);
    }
    if (letter.sender() != null) {
      addresses.serialize(letter.sender(), target);
    }
    writeIfPresent(letter.ingress(), target);
    if (payload != null) {
      target.writeInt(payload.length);
      target.write(payload);
    }
    writeIfPresent(letter.payloadDescription(), target);
    writeIfPresent(letter.exceptionClass(), target);
    writeIfPresent(letter.exceptionMessage(), target);
    target.writeLong(letter.timestampMillis());
  }

  /** The payload in the envelope format, or null if there is none or it cannot be written. */
  private byte[] payloadBytes(DeadLetter letter) {
    if (letter.payload() == null) {
      return null;
    }
    DataOutputSerializer buffer = payloadBuffer;
    if (buffer == null) {
      buffer = new DataOutputSerializer(256);
      payloadBuffer = buffer;
    }
    buffer.clear();
    try {
      messages.serialize(new Message(null, PAYLOAD_SLOT, letter.payload()), buffer);
      return buffer.getCopyOfBuffer();
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "dead letter to {}: its payload ({}) cannot be serialized and is dropped from the letter",
          letter.target(),
          letter.payloadDescription(),
          e);
      return null;
    }
  }

  private static void writeIfPresent(String value, DataOutputView target) throws IOException {
    if (value != null) {
      StringValue.writeString(value, target);
    }
  }

  @Override
  public DeadLetter deserialize(DataInputView source) throws IOException {
    int present = source.readByte() & 0xFF;
    DeadLetter.Cause cause = DeadLetter.Cause.valueOf(StringValue.readString(source));
    Address target = (present & TARGET) != 0 ? addresses.deserialize(source) : null;
    Address sender = (present & SENDER) != 0 ? addresses.deserialize(source) : null;
    String ingress = (present & INGRESS) != 0 ? StringValue.readString(source) : null;
    Object payload = null;
    if ((present & PAYLOAD) != 0) {
      int length = source.readInt();
      if ((present & BYTES_PAYLOAD) != 0) {
        byte[] bytes = new byte[length];
        source.readFully(bytes);
        payload = bytes;
      } else {
        payload = messages.deserialize(source).payload();
      }
    }
    String description = (present & DESCRIPTION) != 0 ? StringValue.readString(source) : null;
    String exceptionClass =
        (present & EXCEPTION_CLASS) != 0 ? StringValue.readString(source) : null;
    String exceptionMessage =
        (present & EXCEPTION_MESSAGE) != 0 ? StringValue.readString(source) : null;
    return new DeadLetter(
        cause,
        target,
        sender,
        ingress,
        payload,
        description,
        exceptionClass,
        exceptionMessage,
        source.readLong());
  }

  @Override
  public DeadLetter deserialize(DeadLetter reuse, DataInputView source) throws IOException {
    return deserialize(source);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    serialize(deserialize(source), target);
  }

  @Override
  public boolean isImmutableType() {
    return true; // a dead letter is only read by the sink that receives it
  }

  @Override
  public TypeSerializer<DeadLetter> duplicate() {
    return new DeadLetterSerializer((MessageSerializer) messages.duplicate());
  }

  @Override
  public DeadLetter createInstance() {
    return null;
  }

  @Override
  public DeadLetter copy(DeadLetter from) {
    return from;
  }

  @Override
  public DeadLetter copy(DeadLetter from, DeadLetter reuse) {
    return from;
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public boolean equals(Object obj) {
    return obj instanceof DeadLetterSerializer other && messages.equals(other.messages);
  }

  @Override
  public int hashCode() {
    return messages.hashCode();
  }

  @Override
  public TypeSerializerSnapshot<DeadLetter> snapshotConfiguration() {
    return new Snapshot(this);
  }

  /** The envelope serializer's snapshot, nested. */
  public static final class Snapshot
      extends CompositeTypeSerializerSnapshot<DeadLetter, DeadLetterSerializer> {
    private static final int VERSION = 1;

    /** For Flink's reflective instantiation on restore. */
    public Snapshot() {}

    Snapshot(DeadLetterSerializer serializer) {
      super(serializer);
    }

    @Override
    protected int getCurrentOuterSnapshotVersion() {
      return VERSION;
    }

    @Override
    protected TypeSerializer<?>[] getNestedSerializers(DeadLetterSerializer outer) {
      return new TypeSerializer<?>[] {outer.messages};
    }

    @Override
    protected DeadLetterSerializer createOuterSerializerWithNestedSerializers(
        TypeSerializer<?>[] nested) {
      return new DeadLetterSerializer((MessageSerializer) nested[0]);
    }
  }
}
