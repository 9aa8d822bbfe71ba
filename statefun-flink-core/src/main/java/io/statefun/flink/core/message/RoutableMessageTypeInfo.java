package io.statefun.flink.core.message;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Flink type information for {@link RoutableMessage}s: the statefun envelope format with Kryo
 * payloads (protobuf messages still travel as protobuf). It applies to the user's stream before it
 * enters statefun, where the job's configured payload serializer takes over.
 */
public final class RoutableMessageTypeInfo extends SingleValueTypeInfo<RoutableMessage> {
  private static final long serialVersionUID = 1L;

  public static final RoutableMessageTypeInfo INSTANCE = new RoutableMessageTypeInfo();

  private RoutableMessageTypeInfo() {}

  @Override
  public Class<RoutableMessage> getTypeClass() {
    return RoutableMessage.class;
  }

  @Override
  public TypeSerializer<RoutableMessage> createSerializer(SerializerConfig config) {
    return new RoutableMessageSerializer(
        new MessageSerializer(PayloadSerializerKind.DEFAULT, config));
  }

  @Override
  public String toString() {
    return "RoutableMessage";
  }

  @Override
  public boolean equals(Object obj) {
    return obj instanceof RoutableMessageTypeInfo;
  }

  @Override
  public int hashCode() {
    return RoutableMessageTypeInfo.class.hashCode();
  }
}
