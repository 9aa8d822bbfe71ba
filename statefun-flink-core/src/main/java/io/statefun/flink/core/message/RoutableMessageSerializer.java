package io.statefun.flink.core.message;

import java.io.IOException;
import java.util.Objects;
import org.apache.flink.api.common.typeutils.CompositeTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Serializes any {@link RoutableMessage} in the {@link MessageSerializer} envelope format; what it
 * reads back is a {@link Message}.
 */
public final class RoutableMessageSerializer extends TypeSerializer<RoutableMessage> {
  private static final long serialVersionUID = 1L;

  private final MessageSerializer messages;

  public RoutableMessageSerializer(MessageSerializer messages) {
    this.messages = Objects.requireNonNull(messages);
  }

  /**
   * The message itself if it is a {@link Message}, else a copy of its parts.
   *
   * @throws IllegalArgumentException if it has no target or no payload
   */
  public static Message asMessage(RoutableMessage message) {
    if (message instanceof Message) {
      return (Message) message;
    }
    if (message.target() == null || message.payload() == null) {
      throw new IllegalArgumentException(
          "a RoutableMessage needs a target and a payload, but "
              + message.getClass().getName()
              + " has target "
              + message.target()
              + " and payload "
              + (message.payload() == null ? "null" : message.payload().getClass().getName()));
    }
    return new Message(message.source(), message.target(), message.payload());
  }

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  public TypeSerializer<RoutableMessage> duplicate() {
    return new RoutableMessageSerializer((MessageSerializer) messages.duplicate());
  }

  @Override
  public RoutableMessage createInstance() {
    return null;
  }

  @Override
  public RoutableMessage copy(RoutableMessage from) {
    return messages.copy(asMessage(from));
  }

  @Override
  public RoutableMessage copy(RoutableMessage from, RoutableMessage reuse) {
    return copy(from);
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(RoutableMessage record, DataOutputView target) throws IOException {
    messages.serialize(asMessage(record), target);
  }

  @Override
  public RoutableMessage deserialize(DataInputView source) throws IOException {
    return messages.deserialize(source);
  }

  @Override
  public RoutableMessage deserialize(RoutableMessage reuse, DataInputView source)
      throws IOException {
    return deserialize(source);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    messages.copy(source, target);
  }

  @Override
  public boolean equals(Object obj) {
    return obj instanceof RoutableMessageSerializer
        && messages.equals(((RoutableMessageSerializer) obj).messages);
  }

  @Override
  public int hashCode() {
    return messages.hashCode();
  }

  @Override
  public TypeSerializerSnapshot<RoutableMessage> snapshotConfiguration() {
    return new Snapshot(this);
  }

  /** The envelope serializer's snapshot, nested. */
  public static final class Snapshot
      extends CompositeTypeSerializerSnapshot<RoutableMessage, RoutableMessageSerializer> {
    private static final int VERSION = 1;

    /** For Flink's reflective instantiation on restore. */
    public Snapshot() {}

    Snapshot(RoutableMessageSerializer serializer) {
      super(serializer);
    }

    @Override
    protected int getCurrentOuterSnapshotVersion() {
      return VERSION;
    }

    @Override
    protected TypeSerializer<?>[] getNestedSerializers(RoutableMessageSerializer outer) {
      return new TypeSerializer<?>[] {outer.messages};
    }

    @Override
    protected RoutableMessageSerializer createOuterSerializerWithNestedSerializers(
        TypeSerializer<?>[] nested) {
      return new RoutableMessageSerializer((MessageSerializer) nested[0]);
    }
  }
}
