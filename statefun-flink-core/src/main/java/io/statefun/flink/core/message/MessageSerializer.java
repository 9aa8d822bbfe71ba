package io.statefun.flink.core.message;

import io.statefun.sdk.Address;
import java.io.IOException;
import java.util.Objects;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.runtime.kryo.KryoSerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * The envelope format: a flag byte (has a source; payload is protobuf), the source and target
 * addresses, then the payload. A protobuf message ({@code com.google.protobuf.Message}) is always
 * written as protobuf (its class name and wire bytes), whatever {@link PayloadSerializerKind} is
 * configured, on every edge and in every snapshot: Kryo and Java serialization cannot be trusted
 * with generated messages (their repeated fields are unmodifiable lists). Every other payload goes
 * through the configured kind. Not thread-safe; Flink duplicates it per thread.
 *
 * <p>A payload whose bytes can be read but not turned into an object (see {@link
 * UnreadablePayloadException}) comes back as an {@link UnreadablePayload}, so the function operator
 * applies the target's failure policy instead of the read failing inside Flink's input. Such a
 * marker is written (by the feedback channel, a checkpoint's log) as itself and read back as
 * itself.
 */
@Internal
public final class MessageSerializer extends TypeSerializer<Message> {
  private static final long serialVersionUID = 1L;

  private static final byte HAS_SOURCE = 1;
  private static final byte PROTOBUF_PAYLOAD = 2;
  private static final byte UNREADABLE_PAYLOAD = 4;

  private final PayloadSerializerKind kind;
  private final SerializerConfig config;

  /** For kind kryo after a restore: Kryo with the registrations the state was written with. */
  private final KryoSerializer<Object> restoredKryo;

  private final AddressSerializer addresses = new AddressSerializer();
  private transient MessagePayloadSerializer payloads;
  private transient ProtobufPayloadSerializer protobuf;

  public MessageSerializer(PayloadSerializerKind kind, SerializerConfig config) {
    this(kind, config, null);
  }

  private MessageSerializer(
      PayloadSerializerKind kind, SerializerConfig config, KryoSerializer<Object> restoredKryo) {
    this.kind = Objects.requireNonNull(kind);
    this.config = Objects.requireNonNull(config);
    this.restoredKryo = restoredKryo;
  }

  /** The payload serializer of this envelope serializer, for storing other user objects. */
  public MessagePayloadSerializer payloads() {
    MessagePayloadSerializer p = payloads;
    if (p == null) {
      p =
          restoredKryo != null
              ? new KryoPayloadSerializer(restoredKryo.duplicate())
              : kind.create(config, Thread.currentThread().getContextClassLoader());
      payloads = p;
    }
    return p;
  }

  private ProtobufPayloadSerializer protobuf() {
    ProtobufPayloadSerializer p = protobuf;
    if (p == null) {
      p = new ProtobufPayloadSerializer(Thread.currentThread().getContextClassLoader());
      protobuf = p;
    }
    return p;
  }

  public PayloadSerializerKind kind() {
    return kind;
  }

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  public TypeSerializer<Message> duplicate() {
    return new MessageSerializer(kind, config, restoredKryo);
  }

  @Override
  public Message createInstance() {
    return null;
  }

  @Override
  public Message copy(Message from) {
    Object payload = from.payload();
    if (ProtobufDetection.isMessage(payload) || payload instanceof UnreadablePayload) {
      return from; // immutable
    }
    return new Message(from.source(), from.target(), payloads().copy(payload));
  }

  @Override
  public Message copy(Message from, Message reuse) {
    return copy(from);
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(Message message, DataOutputView target) throws IOException {
    Address source = message.source();
    Object payload = message.payload();
    boolean isProtobuf = ProtobufDetection.isMessage(payload);
    boolean isUnreadable = !isProtobuf && payload instanceof UnreadablePayload;
    target.writeByte(
        (source == null ? 0 : HAS_SOURCE)
            | (isProtobuf ? PROTOBUF_PAYLOAD : 0)
            | (isUnreadable ? UNREADABLE_PAYLOAD : 0));
    if (source != null) {
      addresses.serialize(source, target);
    }
    addresses.serialize(message.target(), target);
    try {
      if (isProtobuf) {
        protobuf().serializeMessage((com.google.protobuf.Message) payload, target);
      } else if (isUnreadable) {
        ((UnreadablePayload) payload).writeTo(target);
      } else {
        payloads().serialize(payload, target);
      }
    } catch (IOException | RuntimeException e) {
      throw new PayloadSerializationException(
          message, isProtobuf ? PayloadSerializerKind.PROTOBUF : kind.name(), e);
    }
  }

  @Override
  public Message deserialize(DataInputView source) throws IOException {
    byte flags = source.readByte();
    Address from = (flags & HAS_SOURCE) != 0 ? addresses.deserialize(source) : null;
    Address to = addresses.deserialize(source);
    if ((flags & UNREADABLE_PAYLOAD) != 0) {
      return new Message(from, to, UnreadablePayload.readFrom(source));
    }
    boolean isProtobuf = (flags & PROTOBUF_PAYLOAD) != 0;
    Object payload;
    try {
      payload = isProtobuf ? protobuf().deserialize(source) : payloads().deserialize(source);
    } catch (UnreadablePayloadException e) {
      payload = new UnreadablePayload(isProtobuf ? PayloadSerializerKind.PROTOBUF : kind.name(), e);
    } catch (IOException | RuntimeException e) {
      // The payload's end is unknown, so nothing after it can be read: fail, naming the message.
      throw new IOException(
          "cannot read the payload of a message from "
              + (from == null ? "an ingress router" : from)
              + " to "
              + to
              + " with statefun.message.serializer="
              + kind
              + ": "
              + e.getMessage(),
          e);
    }
    return new Message(from, to, payload);
  }

  @Override
  public Message deserialize(Message reuse, DataInputView source) throws IOException {
    return deserialize(source);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    serialize(deserialize(source), target);
  }

  @Override
  public boolean equals(Object obj) {
    return obj instanceof MessageSerializer && kind.equals(((MessageSerializer) obj).kind);
  }

  @Override
  public int hashCode() {
    return kind.hashCode();
  }

  @Override
  public TypeSerializerSnapshot<Message> snapshotConfiguration() {
    MessagePayloadSerializer p = payloads();
    return new Snapshot(
        kind, p instanceof KryoPayloadSerializer ? ((KryoPayloadSerializer) p).snapshot() : null);
  }

  /**
   * Records the payload kind and, for kryo, Kryo's own snapshot (its class registrations): an
   * envelope written with one kind cannot be read with another, and Kryo decides its own
   * compatibility.
   */
  @SuppressWarnings("unchecked")
  public static final class Snapshot implements TypeSerializerSnapshot<Message> {
    private static final int VERSION = 3;
    private PayloadSerializerKind kind;
    private TypeSerializerSnapshot<Object> kryo;

    /** For Flink's reflective instantiation on restore. */
    public Snapshot() {}

    Snapshot(PayloadSerializerKind kind, TypeSerializerSnapshot<Object> kryo) {
      this.kind = kind;
      this.kryo = kryo;
    }

    @Override
    public int getCurrentVersion() {
      return VERSION;
    }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
      StringValue.writeString(kind.name(), out);
      out.writeBoolean(kryo != null);
      if (kryo != null) {
        TypeSerializerSnapshot.writeVersionedSnapshot(out, kryo);
      }
    }

    @Override
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader)
        throws IOException {
      // Version 2 envelopes never set the protobuf flag, so they read as they did.
      if (readVersion != VERSION && readVersion != 2) {
        throw new IOException(
            "unknown statefun message serializer snapshot version " + readVersion);
      }
      kind = PayloadSerializerKind.parse(StringValue.readString(in), userCodeClassLoader);
      kryo =
          in.readBoolean()
              ? TypeSerializerSnapshot.readVersionedSnapshot(in, userCodeClassLoader)
              : null;
    }

    @Override
    public TypeSerializer<Message> restoreSerializer() {
      KryoSerializer<Object> restored =
          kryo == null ? null : (KryoSerializer<Object>) kryo.restoreSerializer();
      return new MessageSerializer(kind, new SerializerConfigImpl(), restored);
    }

    @Override
    public TypeSerializerSchemaCompatibility<Message> resolveSchemaCompatibility(
        TypeSerializerSnapshot<Message> oldSnapshot) {
      if (!(oldSnapshot instanceof Snapshot) || !kind.equals(((Snapshot) oldSnapshot).kind)) {
        return TypeSerializerSchemaCompatibility.incompatible();
      }
      TypeSerializerSnapshot<Object> oldKryo = ((Snapshot) oldSnapshot).kryo;
      if (kryo == null || oldKryo == null) {
        return TypeSerializerSchemaCompatibility.compatibleAsIs();
      }
      TypeSerializerSchemaCompatibility<Object> kryoCompatibility =
          kryo.resolveSchemaCompatibility(oldKryo);
      if (kryoCompatibility.isCompatibleAsIs()) {
        return TypeSerializerSchemaCompatibility.compatibleAsIs();
      }
      if (kryoCompatibility.isCompatibleWithReconfiguredSerializer()) {
        return TypeSerializerSchemaCompatibility.compatibleWithReconfiguredSerializer(
            new MessageSerializer(
                kind,
                new SerializerConfigImpl(),
                (KryoSerializer<Object>) kryoCompatibility.getReconfiguredSerializer()));
      }
      if (kryoCompatibility.isCompatibleAfterMigration()) {
        return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
      }
      return TypeSerializerSchemaCompatibility.incompatible();
    }
  }
}
