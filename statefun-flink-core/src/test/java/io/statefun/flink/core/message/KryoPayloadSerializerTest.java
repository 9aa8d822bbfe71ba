package io.statefun.flink.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class KryoPayloadSerializerTest {

  /** A payload Kryo fails on half way through: its second field cannot be written. */
  public static final class HalfWritable {
    public String first = "written";
    public Thread second = Thread.currentThread();
  }

  /** An enum whose constant has a body, so the constant's class is not the enum's. */
  public enum Mood {
    CALM,
    EXCITED {
      @Override
      public String toString() {
        return "EXCITED!";
      }
    }
  }

  /** A class only ever sent after being registered with Kryo. */
  public static final class Registered {
    public long value;

    public Registered() {}

    Registered(long value) {
      this.value = value;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Registered && ((Registered) o).value == value;
    }

    @Override
    public int hashCode() {
      return Long.hashCode(value);
    }
  }

  private static List<Object> payloads() {
    List<Object> payloads = new ArrayList<>();
    payloads.add(42L);
    payloads.add(Long.MIN_VALUE);
    payloads.add(7);
    payloads.add(2.5d);
    payloads.add(true);
    payloads.add("plain");
    payloads.add("ünïcödé 日本語");
    payloads.add("");
    payloads.add((short) 3);
    payloads.add(new MessageSerializerTest.Pojo("pojo", 3, "a", "b"));
    payloads.add(new MessageSerializerTest.StartRide("r-1", 99L, List.of("x", "y")));
    payloads.add(new MessageSerializerTest.Pojo("x".repeat(10_000), 1)); // past Kryo's buffer
    payloads.add(new String[] {"an", "array"});
    payloads.add(new int[] {1, 2, 3});
    payloads.add(Mood.CALM);
    payloads.add(Mood.EXCITED);
    payloads.add(new java.util.ArrayList<>(List.of(1L, "two", Mood.EXCITED)));
    payloads.add(new MessageSerializerTest.StartRide("r-2", 100L, List.of()));
    return payloads;
  }

  @Test
  void roundTripsMixedPayloadsKeepingTheirExactClass() throws IOException {
    KryoPayloadSerializer serializer = new KryoPayloadSerializer(new SerializerConfigImpl());
    DataOutputSerializer out = new DataOutputSerializer(16);
    for (Object payload : payloads()) {
      serializer.serialize(payload, out);
    }

    KryoPayloadSerializer reader = (KryoPayloadSerializer) serializer.duplicate();
    DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
    for (Object payload : payloads()) {
      Object read = reader.deserialize(in);
      assertThat(read).isEqualTo(payload);
      assertThat(read.getClass()).isEqualTo(payload.getClass());
    }
    assertThat(in.available()).isZero();
    in = new DataInputDeserializer(out.getCopyOfBuffer());
    for (Object payload : payloads()) {
      assertThat(reader.deserialize(in)).as("read again through warm caches").isEqualTo(payload);
    }
    assertThat(in.available()).isZero();
  }

  @Test
  void aBoxedLongTakesATagAndEightBytes() throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(16);
    new KryoPayloadSerializer(new SerializerConfigImpl()).serialize(1L, out);

    assertThat(out.length()).isEqualTo(9);
  }

  @Test
  void copyReturnsImmutablePayloadsAndCopiesMutableOnes() {
    KryoPayloadSerializer serializer = new KryoPayloadSerializer(new SerializerConfigImpl());
    Long boxed = 123_456L;
    String text = "text";
    MessageSerializerTest.Pojo pojo = new MessageSerializerTest.Pojo("p", 1, "t");

    assertThat(serializer.copy(boxed)).isSameAs(boxed);
    assertThat(serializer.copy(text)).isSameAs(text);
    assertThat(serializer.copy(pojo)).isEqualTo(pojo).isNotSameAs(pojo);
  }

  @Test
  void aFailedWriteLeavesNothingBehindForTheNextPayload() throws IOException {
    KryoPayloadSerializer serializer = new KryoPayloadSerializer(new SerializerConfigImpl());
    DataOutputSerializer out = new DataOutputSerializer(16);

    assertThatThrownBy(() -> serializer.serialize(new HalfWritable(), out))
        .isInstanceOf(RuntimeException.class);
    assertThat(out.length()).as("nothing of the failed payload reached the target").isZero();

    MessageSerializerTest.Pojo next = new MessageSerializerTest.Pojo("next", 2, "t");
    serializer.serialize(next, out);
    Object read =
        new KryoPayloadSerializer(new SerializerConfigImpl())
            .deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    assertThat(read).isEqualTo(next);
  }

  @Test
  void aRegisteredClassIsWrittenWithKryosIdNotItsName() throws IOException {
    SerializerConfigImpl config = new SerializerConfigImpl();
    config.registerKryoType(Registered.class);
    KryoPayloadSerializer serializer = new KryoPayloadSerializer(config);
    DataOutputSerializer out = new DataOutputSerializer(16);
    serializer.serialize(new Registered(5), out);
    byte[] bytes = out.getCopyOfBuffer();

    assertThat(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain("Registered");
    assertThat(new KryoPayloadSerializer(config).deserialize(new DataInputDeserializer(bytes)))
        .isEqualTo(new Registered(5));
  }

  @Test
  void anUnregisteredClassIsNamedAndAnUnloadableNameIsReported() throws IOException {
    KryoPayloadSerializer serializer = new KryoPayloadSerializer(new SerializerConfigImpl());
    DataOutputSerializer out = new DataOutputSerializer(16);
    serializer.serialize(new Registered(5), out);
    byte[] bytes = out.getCopyOfBuffer();
    String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThat(text).contains(Registered.class.getName());

    // Same length, so the framing stays intact: only the class cannot be found.
    byte[] renamed =
        text.replace("KryoPayloadSerializerTest$Registered", "KryoPayloadSerializerTest$Disappears")
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThat(renamed.length).isEqualTo(bytes.length);
    assertThatThrownBy(() -> serializer.deserialize(new DataInputDeserializer(renamed)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("KryoPayloadSerializerTest$Disappears");
  }

  @Test
  void anUnknownTagIsReportedNotMisread() {
    KryoPayloadSerializer serializer = new KryoPayloadSerializer(new SerializerConfigImpl());

    assertThatThrownBy(() -> serializer.deserialize(new DataInputDeserializer(new byte[] {99})))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("unknown payload tag 99");
  }
}
