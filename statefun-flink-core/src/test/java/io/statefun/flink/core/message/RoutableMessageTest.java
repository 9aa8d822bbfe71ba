package io.statefun.flink.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.StringValue;
import io.statefun.sdk.Address;
import io.statefun.sdk.FunctionType;
import java.util.List;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.TypeExtractor;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class RoutableMessageTest {
  private static final FunctionType GREETER = new FunctionType("example", "greeter");
  private static final Address CALLER = new Address(new FunctionType("example", "caller"), "c");

  /** A RoutableMessage that is not the runtime's own class. */
  record ForeignMessage(Address source, Address target, Object payload)
      implements RoutableMessage {}

  @Test
  void theBuilderSetsTargetSourceAndBody() {
    RoutableMessage message =
        RoutableMessageBuilder.builder()
            .withTargetAddress(GREETER, "alice")
            .withSourceAddress(CALLER)
            .withMessageBody("hi")
            .build();

    assertThat(message.target()).isEqualTo(new Address(GREETER, "alice"));
    assertThat(message.source()).isEqualTo(CALLER);
    assertThat(message.payload()).isEqualTo("hi");
    assertThat(
            RoutableMessageBuilder.builder()
                .withTargetAddress(new Address(GREETER, "bob"))
                .withMessageBody(1)
                .build()
                .source())
        .isNull();
  }

  @Test
  void theBuilderNamesWhatIsMissing() {
    assertThatThrownBy(() -> RoutableMessageBuilder.builder().withMessageBody("hi").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("target address");
    assertThatThrownBy(
            () -> RoutableMessageBuilder.builder().withTargetAddress(GREETER, "alice").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("example/greeter")
        .hasMessageContaining("needs a body");
    assertThatThrownBy(() -> RoutableMessageBuilder.builder().withMessageBody(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("message body");
  }

  @Test
  void flinkDerivesTheTypeInformationOfALambdaThatBuildsMessages() {
    MapFunction<String, RoutableMessage> toMessage =
        name ->
            RoutableMessageBuilder.builder()
                .withTargetAddress(GREETER, name)
                .withMessageBody(name)
                .build();

    TypeInformation<RoutableMessage> type =
        TypeExtractor.getMapReturnTypes(toMessage, Types.STRING);

    assertThat(type).isSameAs(RoutableMessageTypeInfo.INSTANCE);
    assertThat(TypeInformation.of(RoutableMessage.class))
        .isEqualTo(RoutableMessageTypeInfo.INSTANCE);
  }

  @Test
  void anyRoutableMessageRoundTripsAsAMessage() throws Exception {
    TypeSerializer<RoutableMessage> serializer =
        RoutableMessageTypeInfo.INSTANCE.createSerializer(new SerializerConfigImpl());
    List<RoutableMessage> messages =
        List.of(
            RoutableMessageBuilder.builder()
                .withTargetAddress(GREETER, "alice")
                .withSourceAddress(CALLER)
                .withMessageBody(List.of("a", "b"))
                .build(),
            new ForeignMessage(null, new Address(GREETER, "bob"), 42L),
            new ForeignMessage(null, new Address(GREETER, "carol"), StringValue.of("pb")));

    for (RoutableMessage message : messages) {
      DataOutputSerializer out = new DataOutputSerializer(64);
      serializer.serialize(message, out);
      RoutableMessage read =
          serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));

      assertThat(read).isInstanceOf(Message.class);
      assertThat(read.source()).isEqualTo(message.source());
      assertThat(read.target()).isEqualTo(message.target());
      assertThat(read.payload()).isEqualTo(message.payload());
      assertThat(serializer.copy(message).payload()).isEqualTo(message.payload());
    }
  }

  @Test
  void aForeignMessageWithoutTargetIsRejectedNamingItsClass() {
    TypeSerializer<RoutableMessage> serializer =
        RoutableMessageTypeInfo.INSTANCE.createSerializer(new SerializerConfigImpl());

    assertThatThrownBy(
            () ->
                serializer.serialize(
                    new ForeignMessage(null, null, "x"), new DataOutputSerializer(16)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(ForeignMessage.class.getName())
        .hasMessageContaining("needs a target and a payload");
  }

  @Test
  void theSerializerSnapshotRestoresACompatibleSerializer() throws Exception {
    TypeSerializer<RoutableMessage> serializer =
        RoutableMessageTypeInfo.INSTANCE.createSerializer(new SerializerConfigImpl());
    TypeSerializerSnapshot<RoutableMessage> snapshot = serializer.snapshotConfiguration();

    DataOutputSerializer out = new DataOutputSerializer(64);
    TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
    TypeSerializerSnapshot<RoutableMessage> read =
        TypeSerializerSnapshot.readVersionedSnapshot(
            new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());

    assertThat(read.restoreSerializer()).isInstanceOf(RoutableMessageSerializer.class);
    assertThat(
            serializer.snapshotConfiguration().resolveSchemaCompatibility(read).isCompatibleAsIs())
        .isTrue();
  }
}
