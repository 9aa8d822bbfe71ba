package io.statefun.flink.core.state;

import com.google.protobuf.Message;
import io.statefun.flink.core.message.SingleValueTypeInfo;
import java.util.Objects;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Type information for a protobuf message class kept in state. */
final class ProtobufTypeInfo<T extends Message> extends SingleValueTypeInfo<T> {
  private static final long serialVersionUID = 1L;

  private final Class<T> type;

  ProtobufTypeInfo(Class<T> type) {
    this.type = type;
  }

  @Override
  public Class<T> getTypeClass() {
    return type;
  }

  @Override
  public TypeSerializer<T> createSerializer(SerializerConfig config) {
    return new ProtobufTypeSerializer<>(type);
  }

  @Override
  public String toString() {
    return "Protobuf(" + type.getName() + ")";
  }

  @Override
  public boolean equals(Object obj) {
    return obj instanceof ProtobufTypeInfo && type.equals(((ProtobufTypeInfo<?>) obj).type);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type);
  }
}
