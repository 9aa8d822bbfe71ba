package io.statefun.sdk;

import io.statefun.sdk.internal.Validate;
import java.io.Serializable;

/**
 * The kind of an {@link io.statefun.sdk.io.EgressSpec}: which IO implementation consumes its
 * records (a Flink sink, Kafka, a test consumer), as a namespace and a name. Two specs of the same
 * kind are built and run the same way; their identifiers tell them apart.
 */
public final class EgressType implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String namespace;
  private final String type;

  /**
   * @throws IllegalArgumentException if the namespace or the type is null or empty
   */
  public EgressType(String namespace, String type) {
    this.namespace = Validate.nonEmpty(namespace, "EgressType namespace");
    this.type = Validate.nonEmpty(type, "EgressType type");
  }

  public String namespace() {
    return namespace;
  }

  public String type() {
    return type;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof EgressType)) {
      return false;
    }
    EgressType other = (EgressType) o;
    return namespace.equals(other.namespace) && type.equals(other.type);
  }

  @Override
  public int hashCode() {
    return 31 * namespace.hashCode() + type.hashCode();
  }

  /** Returns {@code namespace/type}. */
  @Override
  public String toString() {
    return namespace + "/" + type;
  }
}
