package io.statefun.flink.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.sdk.Address;
import io.statefun.sdk.FunctionType;
import java.io.IOException;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

class MessageTypeInfoTest {
  private static final ClassLoader LOADER = MessageTypeInfoTest.class.getClassLoader();

  private static MessageTypeInfo typeInfo(String kind) {
    return new MessageTypeInfo(PayloadSerializerKind.parse(kind, LOADER));
  }

  @Test
  void createsAMessageSerializerOfItsKind() throws IOException {
    TypeSerializer<Message> serializer =
        typeInfo("raw").createSerializer(new SerializerConfigImpl());

    assertThat(serializer).isInstanceOf(MessageSerializer.class);
    assertThat(((MessageSerializer) serializer).kind().name()).isEqualTo("raw");
    Address target = new Address(new FunctionType("ns", "t"), "1");
    Message copy =
        MessageSerializerTest.roundTrip(serializer, new Message(null, target, new byte[] {4, 2}));
    assertThat((byte[]) copy.payload()).containsExactly(4, 2);
  }

  @Test
  void equalityFollowsTheKind() {
    assertThat(typeInfo("kryo")).isEqualTo(typeInfo("kryo"));
    assertThat(typeInfo("kryo").hashCode()).isEqualTo(typeInfo("kryo").hashCode());
    assertThat(typeInfo("kryo")).isNotEqualTo(typeInfo("protobuf"));
    assertThat(typeInfo("kryo").canEqual(typeInfo("raw"))).isTrue();
  }

  @Test
  void describesAMessageType() {
    MessageTypeInfo info = typeInfo("kryo");
    assertThat(info.getTypeClass()).isEqualTo(Message.class);
    assertThat(info.isKeyType()).isFalse();
    assertThat(info.isBasicType()).isFalse();
    assertThat(info.toString()).contains("kryo");
  }

  @Test
  void isJavaSerializable() throws Exception {
    MessageTypeInfo info = typeInfo(JavaSerializationPayloadSerializer.class.getName());
    assertThat(InstantiationUtil.clone(info, LOADER)).isEqualTo(info);
  }
}
