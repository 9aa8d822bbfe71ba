package io.statefun.flink.core.message;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
 * payloads of small functions, follow it in their plain form without Kryo. Any other object is
 * written by Kryo into a buffer and follows as one length-prefixed block, read back from a byte
 * array: Flink's own Kryo wrapper pulls its input through the network view a few bytes at a time,
 * which cost more than the rest of a message's delivery. An object of an unregistered class is
 * preceded by its class name, which this serializer caches both ways (see {@link
 * PayloadClassNames}); registered classes keep Kryo's compact class id.
 */
final class KryoPayloadSerializer implements MessagePayloadSerializer {
  private static final byte KRYO = 0;
  private static final byte LONG = 1;
  private static final byte INT = 2;
  private static final byte DOUBLE = 3;
  private static final byte BOOLEAN = 4;
  private static final byte STRING = 5;
  private static final byte KRYO_NAMED = 6;

  /** Holds the configuration and yields the Kryo instance; also copies and snapshots. */
  private final KryoSerializer<Object> kryoSerializer;

  private final Utf8Codec strings = new Utf8Codec();
  private final PayloadClassNames classNames = new PayloadClassNames();
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
    Class<?> type = payload.getClass();
    boolean named = isWrittenByName(kryo, type);
    Output out = output;
    out.reset();
    try {
      if (named) {
        kryo.writeObject(out, payload);
      } else {
        kryo.writeClassAndObject(out, payload);
      }
    } catch (RuntimeException e) {
      // A half-written object graph leaves Kryo's reference tables behind; the next write must
      // not see them.
      kryo.reset();
      throw e;
    }
    if (named) {
      target.writeByte(KRYO_NAMED);
      target.write(classNames.blockOf(type));
    } else {
      target.writeByte(KRYO);
    }
    Utf8Codec.writeVarInt(out.position(), target);
    target.write(out.getBuffer(), 0, out.position());
  }

  /**
   * Classes without an explicit Kryo registration go by their name, which this serializer writes
   * and resolves itself from a cache; Kryo's own class header would encode, decode and look the
   * name up for every message. Registered classes keep Kryo's compact id, and classes Kryo maps to
   * another registration (lambdas, enum constants with bodies) keep Kryo's header too.
   */
  private static boolean isWrittenByName(Kryo kryo, Class<?> type) {
    Registration registration = kryo.getRegistration(type);
    return registration.getId() < 0 && registration.getType() == type && !type.isHidden();
  }

  /**
   * @throws UnreadablePayloadException with the object's bytes, all of them read, if Kryo cannot
   *     read them or their class cannot be loaded
   */
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
        return readWithKryo(source, null);
      case KRYO_NAMED:
        int nameLength = strings.readBlock(source);
        Class<?> type;
        try {
          type = classNames.classOf(strings.scratch(), nameLength, kryo().getClassLoader());
        } catch (IOException e) {
          // The object's bytes follow: read them, so the envelope stays readable.
          String name = new String(strings.scratch(), 0, nameLength, StandardCharsets.UTF_8);
          int length = strings.readBlock(source);
          throw new UnreadablePayloadException(
              name, Arrays.copyOf(strings.scratch(), length), e.getMessage(), e.getCause());
        }
        return readWithKryo(source, type);
      default:
        throw new IOException(
            "unknown payload tag " + tag + ": not written by the kryo serializer");
    }
  }

  /** The immutable types {@link #serialize} writes under their own tag, without Kryo. */
  private static boolean hasOwnTag(Class<?> type) {
    return type == Long.class
        || type == Integer.class
        || type == String.class
        || type == Double.class
        || type == Boolean.class;
  }

  /** Kryo's bytes of a payload: of the object alone if {@code type} is given, else with a class. */
  private Object readWithKryo(DataInputView source, Class<?> type) throws IOException {
    Kryo kryo = kryo();
    int length = strings.readBlock(source);
    input.setBuffer(strings.scratch(), 0, length);
    try {
      return type == null ? kryo.readClassAndObject(input) : kryo.readObject(input, type);
    } catch (RuntimeException | LinkageError e) {
      kryo.reset();
      throw new UnreadablePayloadException(
          type == null ? null : type.getName(),
          Arrays.copyOf(strings.scratch(), length),
          "Kryo could not read a payload of "
              + length
              + " bytes"
              + (type == null ? "" : " of class " + type.getName()),
          e);
    }
  }

  @Override
  public Object copy(Object payload) {
    return hasOwnTag(payload.getClass()) ? payload : kryoSerializer.copy(payload);
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
