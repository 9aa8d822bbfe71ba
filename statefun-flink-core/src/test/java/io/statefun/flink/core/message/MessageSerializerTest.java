package io.statefun.flink.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Int64Value;
import com.google.protobuf.StringValue;
import io.statefun.sdk.Address;
import io.statefun.sdk.FunctionType;
import java.io.IOException;
import java.io.NotSerializableException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

class MessageSerializerTest {
  private static final ClassLoader LOADER = MessageSerializerTest.class.getClassLoader();

  private static final Address SOURCE = new Address(new FunctionType("ride", "passenger"), "p-1");
  private static final Address TARGET = new Address(new FunctionType("ride", "driver"), "d-7");

  /** A mutable POJO with equals, so Kryo's copy can be told apart from the original. */
  public static final class Pojo {
    public String name;
    public int count;
    public List<String> tags = new ArrayList<>();

    public Pojo() {}

    Pojo(String name, int count, String... tags) {
      this.name = name;
      this.count = count;
      this.tags.addAll(Arrays.asList(tags));
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Pojo)) {
        return false;
      }
      Pojo other = (Pojo) o;
      return count == other.count && Objects.equals(name, other.name) && tags.equals(other.tags);
    }

    @Override
    public int hashCode() {
      return Objects.hash(name, count, tags);
    }
  }

  /** A record payload. */
  public record StartRide(String rideId, long at, List<String> stops) {}

  /** Not Serializable, for the custom Java-serialization serializer. */
  static final class NotSerializable {}

  static PayloadSerializerKind kind(String name) {
    return PayloadSerializerKind.parse(name, LOADER);
  }

  static MessageSerializer serializer(String kind) {
    return new MessageSerializer(kind(kind), new SerializerConfigImpl());
  }

  static byte[] write(TypeSerializer<Message> serializer, Message message) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(64);
    serializer.serialize(message, out);
    return out.getCopyOfBuffer();
  }

  static Message read(TypeSerializer<Message> serializer, byte[] bytes) throws IOException {
    DataInputDeserializer in = new DataInputDeserializer(bytes);
    Message message = serializer.deserialize(in);
    assertThat(in.available()).as("the whole record is consumed").isZero();
    return message;
  }

  static Message roundTrip(TypeSerializer<Message> serializer, Message message) throws IOException {
    return read(serializer, write(serializer, message));
  }

  private static void assertRoundTrips(String kind, Object payload) throws IOException {
    MessageSerializer serializer = serializer(kind);
    for (Address source : Arrays.asList(SOURCE, null)) {
      Message copy = roundTrip(serializer, new Message(source, TARGET, payload));
      assertThat(copy.source()).isEqualTo(source);
      assertThat(copy.target()).isEqualTo(TARGET);
      if (payload instanceof byte[]) {
        assertThat((byte[]) copy.payload()).isEqualTo((byte[]) payload);
      } else {
        assertThat(copy.payload()).isEqualTo(payload);
      }
    }
  }

  @Test
  void kryoRoundTripsAString() throws IOException {
    assertRoundTrips("kryo", "hello, driver");
  }

  @Test
  void kryoRoundTripsAPojo() throws IOException {
    assertRoundTrips("kryo", new Pojo("ride-1", 3, "a", "b"));
  }

  @Test
  void kryoRoundTripsARecord() throws IOException {
    assertRoundTrips("kryo", new StartRide("r-9", 1234L, new ArrayList<>(List.of("x", "y"))));
  }

  @Test
  void kryoRoundTripsAList() throws IOException {
    List<Object> list = new ArrayList<>();
    list.add("one");
    list.add(2);
    list.add(new Pojo("three", 3));
    list.add(null);
    assertRoundTrips("kryo", list);
  }

  @Test
  void kryoRoundTripsAnImmutableList() throws IOException {
    assertRoundTrips("kryo", List.of("a", "b", "c"));
  }

  @Test
  void kryoCopiesARecord() {
    StartRide payload = new StartRide("r-1", 5L, new ArrayList<>(List.of("s")));
    Message copy = serializer("kryo").copy(new Message(SOURCE, TARGET, payload));
    assertThat(copy.payload()).isEqualTo(payload);
  }

  @Test
  void rawRoundTripsBytes() throws IOException {
    assertRoundTrips("raw", new byte[] {1, 2, 3, -128, 127, 0});
    assertRoundTrips("raw", new byte[0]);
  }

  @Test
  void protobufRoundTripsWellKnownTypes() throws IOException {
    assertRoundTrips("protobuf", StringValue.of("hello"));
    assertRoundTrips("protobuf", Int64Value.of(Long.MIN_VALUE));
    assertRoundTrips("protobuf", Int64Value.getDefaultInstance());
  }

  @Test
  void protobufKeepsTheConcreteClassAcrossMixedPayloads() throws IOException {
    MessageSerializer serializer = serializer("protobuf");
    DataOutputSerializer out = new DataOutputSerializer(64);
    serializer.serialize(new Message(SOURCE, TARGET, StringValue.of("a")), out);
    serializer.serialize(new Message(null, TARGET, Int64Value.of(42)), out);
    serializer.serialize(new Message(TARGET, SOURCE, StringValue.of("b")), out);

    DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
    assertThat(serializer.deserialize(in).payload()).isEqualTo(StringValue.of("a"));
    Message second = serializer.deserialize(in);
    assertThat(second.payload()).isEqualTo(Int64Value.of(42));
    assertThat(second.source()).isNull();
    Message third = serializer.deserialize(in);
    assertThat(third.payload()).isEqualTo(StringValue.of("b"));
    assertThat(third.source()).isEqualTo(TARGET);
    assertThat(third.target()).isEqualTo(SOURCE);
  }

  @Test
  void customSerializerSelectedByClassNameRoundTrips() throws IOException {
    String name = JavaSerializationPayloadSerializer.class.getName();
    MessageSerializer serializer = serializer(name);

    assertThat(serializer.payloads()).isInstanceOf(JavaSerializationPayloadSerializer.class);
    assertRoundTrips(name, "a string");
    assertRoundTrips(name, new ArrayList<>(List.of(1, 2, 3)));
  }

  @Test
  void copyOfAMessageCopiesAMutablePayload() {
    MessageSerializer serializer = serializer("kryo");
    Pojo payload = new Pojo("p", 1, "t");
    Message original = new Message(SOURCE, TARGET, payload);

    Message copy = serializer.copy(original);

    assertThat(copy).isNotSameAs(original);
    assertThat(copy.source()).isEqualTo(SOURCE);
    assertThat(copy.target()).isEqualTo(TARGET);
    assertThat(copy.payload()).isEqualTo(payload).isNotSameAs(payload);
    payload.tags.add("changed later");
    assertThat(((Pojo) copy.payload()).tags).containsExactly("t");
  }

  @Test
  void copyOfARawMessageCopiesTheBytes() {
    MessageSerializer serializer = serializer("raw");
    byte[] payload = {1, 2, 3};

    Message copy = serializer.copy(new Message(null, TARGET, payload));

    assertThat(copy.source()).isNull();
    assertThat((byte[]) copy.payload()).isEqualTo(payload).isNotSameAs(payload);
  }

  @Test
  void copyBetweenViewsProducesTheSameBytes() throws IOException {
    MessageSerializer serializer = serializer("kryo");
    byte[] first = write(serializer, new Message(SOURCE, TARGET, new Pojo("x", 9, "a")));
    byte[] second = write(serializer, new Message(null, SOURCE, "y"));
    DataOutputSerializer both = new DataOutputSerializer(64);
    both.write(first);
    both.write(second);

    DataInputDeserializer in = new DataInputDeserializer(both.getCopyOfBuffer());
    DataOutputSerializer out = new DataOutputSerializer(64);
    serializer.copy(in, out);
    serializer.copy(in, out);

    byte[] expected = new byte[first.length + second.length];
    System.arraycopy(first, 0, expected, 0, first.length);
    System.arraycopy(second, 0, expected, first.length, second.length);
    assertThat(out.getCopyOfBuffer()).isEqualTo(expected);
  }

  @Test
  void duplicateGivesAnEqualButIndependentInstance() throws IOException {
    MessageSerializer original = serializer("kryo");
    original.payloads();

    TypeSerializer<Message> duplicate = original.duplicate();

    assertThat(duplicate).isNotSameAs(original).isEqualTo(original);
    assertThat(duplicate.hashCode()).isEqualTo(original.hashCode());
    MessageSerializer dup = (MessageSerializer) duplicate;
    assertThat(dup.kind()).isEqualTo(original.kind());
    assertThat(dup.payloads()).isNotSameAs(original.payloads());

    // Interleaved use of both does not disturb either.
    DataOutputSerializer a = new DataOutputSerializer(64);
    DataOutputSerializer b = new DataOutputSerializer(64);
    original.serialize(new Message(SOURCE, TARGET, "a1"), a);
    dup.serialize(new Message(TARGET, SOURCE, new Pojo("b1", 1)), b);
    original.serialize(new Message(null, TARGET, new Pojo("a2", 2)), a);
    dup.serialize(new Message(null, SOURCE, "b2"), b);
    DataInputDeserializer ia = new DataInputDeserializer(a.getCopyOfBuffer());
    DataInputDeserializer ib = new DataInputDeserializer(b.getCopyOfBuffer());
    assertThat(dup.deserialize(ib).payload()).isEqualTo(new Pojo("b1", 1));
    assertThat(original.deserialize(ia).payload()).isEqualTo("a1");
    assertThat(original.deserialize(ia).payload()).isEqualTo(new Pojo("a2", 2));
    assertThat(dup.deserialize(ib).payload()).isEqualTo("b2");
  }

  @Test
  void serializersOfDifferentKindsAreNotEqual() {
    assertThat(serializer("kryo")).isEqualTo(serializer("kryo"));
    assertThat(serializer("kryo")).isNotEqualTo(serializer("raw"));
    assertThat(serializer("raw")).isNotEqualTo(serializer("protobuf"));
  }

  @Test
  void survivesJavaSerializationOfTheSerializerItself() throws Exception {
    MessageSerializer serializer = serializer("kryo");
    serializer.payloads();

    MessageSerializer cloned = InstantiationUtil.clone(serializer, LOADER);

    assertThat(cloned).isEqualTo(serializer);
    Message message = new Message(SOURCE, TARGET, new Pojo("z", 5));
    assertThat(read(cloned, write(serializer, message)).payload()).isEqualTo(message.payload());
  }

  private static TypeSerializerSnapshot<Message> snapshotRoundTrip(MessageSerializer serializer)
      throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(64);
    TypeSerializerSnapshot.writeVersionedSnapshot(out, serializer.snapshotConfiguration());
    DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
    TypeSerializerSnapshot<Message> restored =
        TypeSerializerSnapshot.readVersionedSnapshot(in, LOADER);
    assertThat(in.available()).isZero();
    return restored;
  }

  @Test
  void snapshotRestoresAnEqualSerializerForEveryKind() throws IOException {
    for (String kind :
        List.of("kryo", "raw", "protobuf", JavaSerializationPayloadSerializer.class.getName())) {
      MessageSerializer serializer = serializer(kind);

      TypeSerializerSnapshot<Message> restored = snapshotRoundTrip(serializer);

      assertThat(restored).isInstanceOf(MessageSerializer.Snapshot.class);
      TypeSerializer<Message> restoredSerializer = restored.restoreSerializer();
      assertThat(restoredSerializer).as(kind).isEqualTo(serializer);
      assertThat(((MessageSerializer) restoredSerializer).kind().name()).isEqualTo(kind);
    }
  }

  @Test
  void restoredSerializerReadsWhatTheOriginalWrote() throws IOException {
    MessageSerializer serializer = serializer("kryo");
    Message message = new Message(SOURCE, TARGET, new Pojo("restored", 7, "k"));
    byte[] bytes = write(serializer, message);

    TypeSerializer<Message> restored = snapshotRoundTrip(serializer).restoreSerializer();

    Message read = read(restored, bytes);
    assertThat(read.payload()).isEqualTo(message.payload());
    assertThat(read.source()).isEqualTo(SOURCE);
  }

  @Test
  void restoredSerializerReadsPayloadsOfKryoRegisteredClasses() throws IOException {
    // A job that registers its payload classes with Kryo (env.registerKryoType / the
    // pipeline.registered-kryo-types option) writes them by registration id, not by class name.
    SerializerConfigImpl config = new SerializerConfigImpl();
    config.registerKryoType(Pojo.class);
    MessageSerializer serializer = new MessageSerializer(kind("kryo"), config);
    Message message = new Message(SOURCE, TARGET, new Pojo("registered", 1, "r"));
    byte[] bytes = write(serializer, message);

    // On restore (e.g. the heap backend reading delayed messages back from a checkpoint) Flink
    // reads the old bytes with the serializer that the snapshot restores.
    TypeSerializer<Message> restored = snapshotRoundTrip(serializer).restoreSerializer();

    assertThat(read(restored, bytes).payload()).isEqualTo(message.payload());
  }

  @Test
  void snapshotIsCompatibleAsIsWithTheSameKind() throws IOException {
    TypeSerializerSnapshot<Message> old = snapshotRoundTrip(serializer("raw"));

    TypeSerializerSchemaCompatibility<Message> compatibility =
        serializer("raw").snapshotConfiguration().resolveSchemaCompatibility(old);

    assertThat(compatibility.isCompatibleAsIs()).isTrue();
  }

  @Test
  void snapshotIsIncompatibleWithAnotherKind() throws IOException {
    TypeSerializerSnapshot<Message> oldKryo = snapshotRoundTrip(serializer("kryo"));

    for (String kind :
        List.of("raw", "protobuf", JavaSerializationPayloadSerializer.class.getName())) {
      TypeSerializerSchemaCompatibility<Message> compatibility =
          serializer(kind).snapshotConfiguration().resolveSchemaCompatibility(oldKryo);
      assertThat(compatibility.isIncompatible()).as(kind).isTrue();
      assertThat(compatibility.isCompatibleAsIs()).as(kind).isFalse();
    }
  }

  @Test
  void aPayloadTheKindCannotSerializeNamesClassSourceAndTarget() {
    MessageSerializer serializer = serializer("raw");

    assertThatThrownBy(() -> write(serializer, new Message(SOURCE, TARGET, "not bytes")))
        .isInstanceOf(PayloadSerializationException.class)
        .hasMessageContaining("java.lang.String")
        .hasMessageContaining(SOURCE.toString())
        .hasMessageContaining(TARGET.toString())
        .hasMessageContaining("raw");
  }

  @Test
  void aPayloadFromAnIngressNamesTheIngressAsSource() {
    MessageSerializer serializer = serializer("protobuf");

    assertThatThrownBy(() -> write(serializer, new Message(null, TARGET, 42)))
        .isInstanceOf(PayloadSerializationException.class)
        .hasMessageContaining("java.lang.Integer")
        .hasMessageContaining("ingress")
        .hasMessageContaining(TARGET.toString());
  }

  @Test
  void aCustomSerializerThatThrowsIsReportedWithTheCause() {
    MessageSerializer serializer = serializer(JavaSerializationPayloadSerializer.class.getName());

    assertThatThrownBy(() -> write(serializer, new Message(SOURCE, TARGET, new NotSerializable())))
        .isInstanceOf(PayloadSerializationException.class)
        .hasMessageContaining(NotSerializable.class.getName())
        .hasMessageContaining(SOURCE.toString())
        .hasMessageContaining(TARGET.toString())
        .hasCauseInstanceOf(NotSerializableException.class);
  }
}
