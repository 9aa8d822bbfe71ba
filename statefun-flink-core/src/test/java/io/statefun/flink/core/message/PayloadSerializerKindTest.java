package io.statefun.flink.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.junit.jupiter.api.Test;

class PayloadSerializerKindTest {
  private static final ClassLoader LOADER = PayloadSerializerKindTest.class.getClassLoader();

  @Test
  void parsesTheBuiltInKinds() {
    assertThat(PayloadSerializerKind.parse("kryo", LOADER))
        .isEqualTo(PayloadSerializerKind.DEFAULT);
    assertThat(PayloadSerializerKind.parse(" raw ", LOADER).name()).isEqualTo("raw");
    assertThat(PayloadSerializerKind.parse("protobuf", LOADER).name()).isEqualTo("protobuf");
  }

  @Test
  void builtInKindsCreateSerializersThatRoundTrip() {
    SerializerConfigImpl config = new SerializerConfigImpl();
    assertThat(
            PayloadSerializerKind.parse("raw", LOADER).create(config, LOADER).copy(new byte[] {1}))
        .isEqualTo(new byte[] {1});
    assertThat(PayloadSerializerKind.parse("kryo", LOADER).create(config, LOADER).copy("s"))
        .isEqualTo("s");
  }

  @Test
  void aCustomClassIsSelectedByName() {
    String name = JavaSerializationPayloadSerializer.class.getName();

    PayloadSerializerKind kind = PayloadSerializerKind.parse(name, LOADER);

    assertThat(kind.name()).isEqualTo(name);
    assertThat(kind.create(new SerializerConfigImpl(), LOADER))
        .isInstanceOf(JavaSerializationPayloadSerializer.class);
  }

  @Test
  void anUnknownNameIsRejectedNamingTheOption() {
    assertThatThrownBy(() -> PayloadSerializerKind.parse("nonsense", LOADER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("statefun.message.serializer")
        .hasMessageContaining("nonsense");
    assertThatThrownBy(() -> PayloadSerializerKind.parse("com.example.DoesNotExist", LOADER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("statefun.message.serializer");
  }

  @Test
  void anEmptyOrNullNameIsRejectedNamingTheOption() {
    assertThatThrownBy(() -> PayloadSerializerKind.parse("", LOADER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("statefun.message.serializer");
    assertThatThrownBy(() -> PayloadSerializerKind.parse(null, LOADER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("statefun.message.serializer");
  }

  @Test
  void aClassNotImplementingTheInterfaceIsRejectedNamingTheOption() {
    String name = JavaSerializationPayloadSerializer.NotASerializer.class.getName();

    assertThatThrownBy(() -> PayloadSerializerKind.parse(name, LOADER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("statefun.message.serializer")
        .hasMessageContaining(name)
        .hasMessageContaining(MessagePayloadSerializer.class.getName());
    assertThatThrownBy(() -> PayloadSerializerKind.parse("java.lang.String", LOADER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("statefun.message.serializer");
  }

  @Test
  void aClassWithoutANoArgConstructorIsRejectedNamingTheOption() {
    String name = JavaSerializationPayloadSerializer.WithoutNoArgConstructor.class.getName();

    assertThatThrownBy(() -> PayloadSerializerKind.parse(name, LOADER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("statefun.message.serializer")
        .hasMessageContaining(name);
  }

  @Test
  void equalityFollowsTheName() {
    assertThat(PayloadSerializerKind.parse("raw", LOADER))
        .isEqualTo(PayloadSerializerKind.parse("raw", LOADER))
        .hasSameHashCodeAs(PayloadSerializerKind.parse("raw", LOADER))
        .isNotEqualTo(PayloadSerializerKind.parse("kryo", LOADER));
  }
}
