package io.statefun.flink.core.message;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.io.IOException;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.runtime.kryo.KryoSerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Any payload, through Flink's Kryo configuration (the job's Kryo registrations and default
 * serializers apply).
 *
 * <p>A tag byte comes first. Boxed longs, ints, doubles and booleans and strings, the common
 * payloads of small functions, follow it in their plain form without Kryo. Anything else is written
 * by Kryo into a buffer and follows as one length-prefixed block, and is read back from a byte
 * array: Flink's own Kryo wrapper pulls its input through the network view a few bytes at a time,
 * which cost more than the rest of a message's delivery.
 */
final class KryoPayloadSerializer implements MessagePayloadSerializer {
  private static final byte KRYO = 0;
  private static final byte LONG = 1;
  private static final byte INT = 2;
  private static final byte DOUBLE = 3;
  private static final byte BOOLEAN = 4;
  private static final byte STRING = 5;

  /** Holds the configuration and yields the Kryo instance; also copies and snapshots. */
  private final KryoSerializer<Object> kryoSerializer;

  private final Utf8Codec strings = new Utf8Codec();
  private Kryo kryo;
  private Output output;
  private Input input;

  KryoPayloadSerializer(SerializerConfig config) {
    this(new KryoSerializer<>(Object.class, config));
  }

  /** Wraps a (restored) Kryo serializer of {@code Object}. */
  KryoPayloadSerializer(KryoSerializer<Object> kryoSerializer) {
    this.kryoSerializer = kryoSerializer;
  }

  @Override
  public void serialize(Object payload, DataOutputView target) throws IOException {
    Class<?> type = payload.getClass();
    if (type == Long.class) {
      target.writeByte(LONG);
      target.writeLong((Long) payload);
    } else if (type == Integer.class) {
      target.writeByte(INT);
      target.writeInt((Integer) payload);
    } else if (type == String.class) {
      target.writeByte(STRING);
      strings.write((String) payload, target);
    } else if (type == Double.class) {
      target.writeByte(DOUBLE);
      target.writeDouble((Double) payload);
    } else if (type == Boolean.class) {
      target.writeByte(BOOLEAN);
      target.writeBoolean((Boolean) payload);
    } else {
      writeWithKryo(payload, target);
    }
  }

  private void writeWithKryo(Object payload, DataOutputView target) throws IOException {
    Kryo kryo = kryo();
    Output out = output;
    out.reset();
    try {
      kryo.writeClassAndObject(out, payload);
    } catch (RuntimeException e) {
      // A half-written object graph leaves Kryo's reference tables behind; the next write must
      // not see them.
      kryo.reset();
      throw e;
    }
    target.writeByte(KRYO);
    Utf8Codec.writeVarInt(out.position(), target);
    target.write(out.getBuffer(), 0, out.position());
  }

  @Override
  public Object deserialize(DataInputView source) throws IOException {
    byte tag = source.readByte();
    switch (tag) {
      case LONG:
        return source.readLong();
      case INT:
        return source.readInt();
      case STRING:
        return strings.read(source);
      case DOUBLE:
        return source.readDouble();
      case BOOLEAN:
        return source.readBoolean();
      case KRYO:
        Kryo kryo = kryo();
        int length = strings.readBlock(source);
        input.setBuffer(strings.scratch(), 0, length);
        try {
          return kryo.readClassAndObject(input);
        } catch (RuntimeException e) {
          kryo.reset();
          throw new IOException("Kryo could not read a payload of " + length + " bytes", e);
        }
      default:
        throw new IOException(
            "unknown payload tag " + tag + ": not written by the kryo serializer");
    }
  }

  @Override
  public Object copy(Object payload) {
    Class<?> type = payload.getClass();
    if (type == Long.class
        || type == Integer.class
        || type == String.class
        || type == Double.class
        || type == Boolean.class) {
      return payload;
    }
    return kryoSerializer.copy(payload);
  }

  /** The Kryo serializer's snapshot: its registrations must come back on restore. */
  TypeSerializerSnapshot<Object> snapshot() {
    return kryoSerializer.snapshotConfiguration();
  }

  @Override
  public MessagePayloadSerializer duplicate() {
    return new KryoPayloadSerializer(kryoSerializer.duplicate());
  }

  private Kryo kryo() {
    Kryo k = kryo;
    if (k == null) {
      // Flink configures the instance (registrations, default serializers, class loader).
      k = kryoSerializer.getKryo();
      output = new Output(256, -1);
      input = new Input();
      kryo = k;
    }
    return k;
  }
}
