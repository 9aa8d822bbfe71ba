package io.statefun.flink.core.state;

import com.google.protobuf.Message;
import java.util.Objects;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Type information for a protobuf message class kept in state. */
final class ProtobufTypeInfo<T extends Message> extends TypeInformation<T> {
  private static final long serialVersionUID = 1L;

  private final Class<T> type;

  ProtobufTypeInfo(Class<T> type) {
    this.type = type;
  }

  @Override
  public boolean isBasicType() {
    return false;
  }

  @Override
  public boolean isTupleType() {
    return false;
  }

  @Override
  public int getArity() {
    return 1;
  }

  @Override
  public int getTotalFields() {
    return 1;
  }

  @Override
  public Class<T> getTypeClass() {
    return type;
  }

  @Override
  public boolean isKeyType() {
    return false;
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

  @Override
  public boolean canEqual(Object obj) {
    return obj instanceof ProtobufTypeInfo;
  }
}
