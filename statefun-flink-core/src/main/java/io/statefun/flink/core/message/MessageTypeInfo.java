package io.statefun.flink.core.message;

import java.util.Objects;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink type information for {@link Message}: no Kryo for the envelope itself. */
@Internal
public final class MessageTypeInfo extends SingleValueTypeInfo<Message> {
  private static final long serialVersionUID = 1L;

  private final PayloadSerializerKind kind;

  public MessageTypeInfo(PayloadSerializerKind kind) {
    this.kind = Objects.requireNonNull(kind);
  }

  @Override
  public Class<Message> getTypeClass() {
    return Message.class;
  }

  @Override
  public TypeSerializer<Message> createSerializer(SerializerConfig config) {
    return new MessageSerializer(kind, config);
  }

  @Override
  public String toString() {
    return "Message(" + kind + ")";
  }

  @Override
  public boolean equals(Object obj) {
    return obj instanceof MessageTypeInfo && kind.equals(((MessageTypeInfo) obj).kind);
  }

  @Override
  public int hashCode() {
    return kind.hashCode();
  }
}
