package io.statefun.sdk.kafka.routable;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * A payload of a routable Kafka record whose type name is not one the format decodes itself: the
 * function receives it and decodes {@link #value()} by {@link #typeName()}.
 */
public final class TypedValue implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String typeName;
  private final byte[] value;

  public TypedValue(String typeName, byte[] value) {
    this.typeName = Objects.requireNonNull(typeName, "type name");
    this.value = Objects.requireNonNull(value, "value").clone();
  }

  public String typeName() {
    return typeName;
  }

  public byte[] value() {
    return value.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TypedValue other
        && typeName.equals(other.typeName)
        && Arrays.equals(value, other.value);
  }

  @Override
  public int hashCode() {
    return 31 * typeName.hashCode() + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "TypedValue(" + typeName + ", " + value.length + " bytes)";
  }
}
