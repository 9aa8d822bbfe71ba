package io.statefun.flink.core.state;

import io.statefun.flink.core.message.SingleValueTypeInfo;
import java.util.Objects;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Type information whose serializer is the wrapped type's (created with the job's serializer
 * configuration, so Kryo registrations apply) inside a {@link NamedStateSerializer}.
 */
final class NamedStateTypeInfo<T> extends SingleValueTypeInfo<T> {
  private static final long serialVersionUID = 1L;

  private final String state;
  private final TypeInformation<T> inner;

  NamedStateTypeInfo(String state, TypeInformation<T> inner) {
    this.state = Objects.requireNonNull(state);
    this.inner = Objects.requireNonNull(inner);
  }

  @Override
  public Class<T> getTypeClass() {
    return inner.getTypeClass();
  }

  @Override
  public TypeSerializer<T> createSerializer(SerializerConfig config) {
    return new NamedStateSerializer<>(state, inner.createSerializer(config));
  }

  @Override
  public String toString() {
    return inner.toString();
  }

  @Override
  public boolean equals(Object obj) {
    return obj instanceof NamedStateTypeInfo<?> other
        && state.equals(other.state)
        && inner.equals(other.inner);
  }

  @Override
  public int hashCode() {
    return Objects.hash(state, inner);
  }
}
