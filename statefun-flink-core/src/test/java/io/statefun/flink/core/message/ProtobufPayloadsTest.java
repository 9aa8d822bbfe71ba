package io.statefun.flink.core.message;

import static io.statefun.flink.core.message.MessageSerializerTest.read;
import static io.statefun.flink.core.message.MessageSerializerTest.roundTrip;
import static io.statefun.flink.core.message.MessageSerializerTest.serializer;
import static io.statefun.flink.core.message.MessageSerializerTest.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Any;
import com.google.protobuf.StringValue;
import com.google.protobuf.Type;
import io.statefun.sdk.Address;
import io.statefun.sdk.FunctionType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.java.typeutils.runtime.kryo.KryoSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Protobuf payloads travel as protobuf whatever payload serializer is configured, and a payload
 * that cannot be read back arrives as an {@link UnreadablePayload} without breaking the envelope.
 */
class ProtobufPayloadsTest {
  private static final Address SOURCE = new Address(new FunctionType("ride", "passenger"), "p-1");
  private static final Address TARGET = new Address(new FunctionType("ride", "driver"), "d-7");
  private static final String JAVA =
      "io.statefun.flink.core.message.JavaSerializationPayloadSerializer";

  @Test
  void kryoAloneCannotCopyACommandWithRepeatedFields() {
    Type command = ProtobufCommands.command("forward", "b", 3);
    KryoSerializer<Object> kryo = new KryoSerializer<>(Object.class, new SerializerConfigImpl());

    assertThatThrownBy(() -> kryo.copy(command))
        .as("precondition: what the kryo serializer would do with it")
        .hasRootCauseInstanceOf(UnsupportedOperationException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"kryo", "raw", "protobuf", JAVA})
  void aProtobufCommandRoundTripsWithEveryConfiguredSerializer(String kind) throws IOException {
    MessageSerializer serializer = serializer(kind);
    Type command = ProtobufCommands.command("forward", "b", 5);
    for (Object payload : List.of(command, Any.pack(command), StringValue.of("plain"))) {
      Message back = roundTrip(serializer, new Message(SOURCE, TARGET, payload));
      assertThat(back.payload()).isEqualTo(payload).isNotSameAs(payload);
      assertThat(back.payload().getClass()).isEqualTo(payload.getClass());
      assertThat(back.source()).isEqualTo(SOURCE);
      assertThat(back.target()).isEqualTo(TARGET);
    }
    Message copy = serializer.copy(new Message(null, TARGET, command));
    assertThat(copy.payload()).isSameAs(command);
  }

  @ParameterizedTest
  @ValueSource(strings = {"kryo", "raw", JAVA})
  void protobufBypassesTheConfiguredSerializer(String kind) throws IOException {
    Type command = ProtobufCommands.command("forward", "b", 2);
    byte[] written = write(serializer(kind), new Message(SOURCE, TARGET, command));

    Message asProtobuf = read(serializer("protobuf"), written);
    assertThat(asProtobuf.payload())
        .as("the bytes are protobuf's, readable whatever the reader's configured kind")
        .isEqualTo(command);
  }

  @Test
  void envelopesWrittenBeforeTheProtobufFlagStillRead() throws IOException {
    // The version 2 format: flags (has source), addresses, then the configured serializer's bytes.
    Type command = ProtobufCommands.command("forward", "b", 2);
    DataOutputSerializer out = new DataOutputSerializer(64);
    out.writeByte(1);
    AddressSerializer addresses = new AddressSerializer();
    addresses.serialize(SOURCE, out);
    addresses.serialize(TARGET, out);
    new ProtobufPayloadSerializer(getClass().getClassLoader()).serialize(command, out);

    Message back = read(serializer("protobuf"), out.getCopyOfBuffer());
    assertThat(back.payload()).isEqualTo(command);
    assertThat(back.source()).isEqualTo(SOURCE);
  }

  @Test
  void aKryoPayloadWhoseClassIsGoneArrivesUnreadableAndTheNextMessageReads() throws IOException {
    MessageSerializer serializer = serializer("kryo");
    MessageSerializerTest.Pojo pojo = new MessageSerializerTest.Pojo("x", 3, "a", "b");
    byte[] first = write(serializer, new Message(SOURCE, TARGET, pojo));
    String gone = pojo.getClass().getName().replace("Pojo", "Gone");
    byte[] renamed = replace(first, pojo.getClass().getName(), gone);

    List<Message> messages =
        readAll(serializer, renamed, write(serializer, new Message(SOURCE, TARGET, "next")));

    UnreadablePayload unreadable = (UnreadablePayload) messages.get(0).payload();
    assertThat(unreadable.payloadClass()).isEqualTo(gone);
    assertThat(unreadable.serializer()).isEqualTo("kryo");
    assertThat(unreadable.bytes()).isNotEmpty();
    assertThat(unreadable.reason()).contains(gone);
    assertThat(messages.get(0).target()).isEqualTo(TARGET);
    assertThat(messages.get(1).payload()).isEqualTo("next");
  }

  @Test
  void kryoBytesThatDoNotParseArriveUnreadable() throws IOException {
    MessageSerializer serializer = serializer("kryo");
    byte[] written =
        write(serializer, new Message(SOURCE, TARGET, new MessageSerializerTest.Pojo("x", 3)));
    // The Kryo block is the record's tail: garble it.
    for (int i = written.length - 4; i < written.length; i++) {
      written[i] = (byte) 0xFF;
    }
    List<Message> messages =
        readAll(serializer, written, write(serializer, new Message(SOURCE, TARGET, 7L)));

    assertThat(messages.get(0).payload()).isInstanceOf(UnreadablePayload.class);
    assertThat(((UnreadablePayload) messages.get(0).payload()).payloadClass())
        .isEqualTo(MessageSerializerTest.Pojo.class.getName());
    assertThat(messages.get(1).payload()).isEqualTo(7L);
  }

  @ParameterizedTest
  @ValueSource(strings = {"kryo", "protobuf"})
  void aProtobufPayloadWhoseClassIsGoneOrBytesBrokenArrivesUnreadable(String kind)
      throws IOException {
    MessageSerializer serializer = serializer(kind);
    Type command = ProtobufCommands.command("forward", "b", 2);
    byte[] written = write(serializer, new Message(SOURCE, TARGET, command));
    byte[] renamed = replace(written, "com.google.protobuf.Type", "com.google.protobuf.Typo");
    byte[] broken = written.clone();
    // The wire bytes are the record's tail: their first tag becomes an invalid one (field 0).
    broken[broken.length - command.getSerializedSize()] = 0x07;
    byte[] next = write(serializer, new Message(null, TARGET, StringValue.of("next")));

    for (byte[] bad : List.of(renamed, broken)) {
      List<Message> messages = readAll(serializer, bad, next);
      UnreadablePayload unreadable = (UnreadablePayload) messages.get(0).payload();
      assertThat(unreadable.serializer()).isEqualTo("protobuf");
      assertThat(unreadable.payloadClass()).startsWith("com.google.protobuf.Typ");
      assertThat(unreadable.bytes()).hasSize(command.getSerializedSize());
      assertThat(messages.get(1).payload()).isEqualTo(StringValue.of("next"));
    }
  }

  @Test
  void aCustomSerializerThatReadsItsBytesThenFailsGivesAnUnreadablePayload() throws IOException {
    MessageSerializer serializer = serializer(JAVA);
    Ride ride = new Ride("r-1");
    byte[] written = write(serializer, new Message(SOURCE, TARGET, ride));
    String name = ride.getClass().getName();
    byte[] renamed = replace(written, name, name.replace("$Ride", "$Rude"));

    List<Message> messages =
        readAll(serializer, renamed, write(serializer, new Message(SOURCE, TARGET, "next")));
    assertThat(messages.get(0).payload()).isInstanceOf(UnreadablePayload.class);
    assertThat(messages.get(1).payload()).isEqualTo("next");
  }

  @Test
  void anUnreadablePayloadIsWrittenAndReadBackAsItself() throws IOException {
    MessageSerializer serializer = serializer("kryo");
    byte[] written =
        write(serializer, new Message(SOURCE, TARGET, new MessageSerializerTest.Pojo("x", 1)));
    Message unreadable = read(serializer, replace(written, "Pojo", "Gone"));
    UnreadablePayload original = (UnreadablePayload) unreadable.payload();

    Message again = roundTrip(serializer, unreadable);
    UnreadablePayload back = (UnreadablePayload) again.payload();
    assertThat(back.payloadClass()).isEqualTo(original.payloadClass());
    assertThat(back.bytes()).isEqualTo(original.bytes());
    assertThat(back.serializer()).isEqualTo("kryo");
    assertThat(back.reason()).isEqualTo(original.reason());
    assertThat(again.source()).isEqualTo(SOURCE);
    assertThat(again.target()).isEqualTo(TARGET);
    assertThat(serializer.copy(unreadable)).isSameAs(unreadable);
  }

  /** A payload for Java serialization. */
  record Ride(String id) implements java.io.Serializable {}

  /** Reads the records written one after another, as a network buffer holds them. */
  private static List<Message> readAll(MessageSerializer serializer, byte[]... records)
      throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(256);
    for (byte[] record : records) {
      out.write(record);
    }
    DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
    List<Message> messages = new java.util.ArrayList<>();
    for (int i = 0; i < records.length; i++) {
      messages.add(serializer.deserialize(in));
    }
    assertThat(in.available()).as("every record consumed exactly").isZero();
    return messages;
  }

  /**
   * {@code bytes} with the first occurrence of {@code from} replaced by {@code to}, same length.
   */
  static byte[] replace(byte[] bytes, String from, String to) {
    byte[] f = from.getBytes(StandardCharsets.UTF_8);
    byte[] t = to.getBytes(StandardCharsets.UTF_8);
    assertThat(t).hasSameSizeAs(f);
    outer:
    for (int i = 0; i + f.length <= bytes.length; i++) {
      for (int j = 0; j < f.length; j++) {
        if (bytes[i + j] != f[j]) {
          continue outer;
        }
      }
      byte[] copy = bytes.clone();
      System.arraycopy(t, 0, copy, i, t.length);
      return copy;
    }
    throw new AssertionError(from + " not found in the bytes");
  }
}
