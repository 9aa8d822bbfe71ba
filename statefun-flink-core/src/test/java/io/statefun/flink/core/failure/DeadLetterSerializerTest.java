package io.statefun.flink.core.failure;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.flink.core.message.PayloadSerializerKind;
import io.statefun.flink.core.message.ProtobufCommands;
import io.statefun.sdk.Address;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.io.DeadLetter;
import java.io.IOException;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class DeadLetterSerializerTest {
  private static final Address TARGET = new Address(new FunctionType("shop", "cart"), "c-1");
  private static final Address SENDER = new Address(new FunctionType("shop", "stock"), "s-1");

  private static TypeSerializer<DeadLetter> serializer() {
    return new DeadLetterTypeInfo(PayloadSerializerKind.DEFAULT)
        .createSerializer(new SerializerConfigImpl());
  }

  private static DeadLetter roundTrip(DeadLetter letter) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(256);
    serializer().serialize(letter, out);
    DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
    DeadLetter back = serializer().deserialize(in);
    assertThat(in.available()).isZero();
    return back;
  }

  @Test
  void aLetterWithAProtobufPayloadRoundTripsAndCopiesAsItIs() throws IOException {
    Object command = ProtobufCommands.command("reserve", "c-1", 3);
    DeadLetter letter =
        new DeadLetter(
            DeadLetter.Cause.FUNCTION,
            TARGET,
            SENDER,
            null,
            command,
            "Type reserve",
            IllegalStateException.class.getName(),
            "boom",
            42L);

    DeadLetter back = roundTrip(letter);
    assertThat(back.payload()).isEqualTo(command).isNotSameAs(command);
    assertThat(back.toString()).isEqualTo(letter.toString());
    assertThat(serializer().copy(letter)).isSameAs(letter);
  }

  @Test
  void theBytesOfAnUnreadablePayloadTravelWithAnySerializer() throws IOException {
    byte[] bytes = {1, 2, 3, (byte) 0xFF};
    DeadLetter letter =
        new DeadLetter(
            DeadLetter.Cause.PAYLOAD_NOT_READABLE, TARGET, SENDER, null, bytes, "x", "y", "z", 3L);
    for (String kind : new String[] {"kryo", "protobuf", "raw"}) {
      TypeSerializer<DeadLetter> serializer =
          new DeadLetterTypeInfo(PayloadSerializerKind.parse(kind, getClass().getClassLoader()))
              .createSerializer(new SerializerConfigImpl());
      DataOutputSerializer out = new DataOutputSerializer(64);
      serializer.serialize(letter, out);
      DeadLetter back = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
      assertThat((byte[]) back.payload()).as(kind).isEqualTo(bytes);
    }
  }

  @Test
  void absentFieldsStayAbsent() throws IOException {
    DeadLetter letter =
        new DeadLetter(
            DeadLetter.Cause.ROUTER, null, null, "shop/orders", null, null, null, null, 7L);
    DeadLetter back = roundTrip(letter);
    assertThat(back.target()).isNull();
    assertThat(back.sender()).isNull();
    assertThat(back.payload()).isNull();
    assertThat(back.exceptionMessage()).isNull();
    assertThat(back.ingress()).isEqualTo("shop/orders");
    assertThat(back.timestampMillis()).isEqualTo(7L);
  }

  @Test
  void aPayloadThatCannotBeWrittenIsDroppedAndTheLetterKept() throws IOException {
    Object unwritable = new Thread(() -> {});
    DeadLetter letter =
        new DeadLetter(
            DeadLetter.Cause.PAYLOAD,
            TARGET,
            SENDER,
            null,
            unwritable,
            "java.lang.Thread …",
            "x.Y",
            "cannot serialize",
            1L);
    DeadLetter back = roundTrip(letter);
    assertThat(back.payload()).isNull();
    assertThat(back.payloadDescription()).isEqualTo("java.lang.Thread …");
    assertThat(back.cause()).isEqualTo(DeadLetter.Cause.PAYLOAD);
  }
}
