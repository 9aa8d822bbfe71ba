package io.statefun.sdk.io;

import io.statefun.sdk.internal.Validate;
import java.io.Serializable;
import java.util.Objects;

/**
 * Names an egress and the type of record it consumes. Two identifiers are equal when namespace,
 * name and consumed type are equal.
 *
 * @param <T> the type of the records sent to the egress
 */
public final class EgressIdentifier<T> implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String namespace;
  private final String name;
  private final Class<T> consumedType;
  private final int hash;

  /**
   * @throws IllegalArgumentException if any part is null, or a string part is empty
   */
  public EgressIdentifier(String namespace, String name, Class<T> consumedType) {
    this.namespace = Validate.nonEmpty(namespace, "EgressIdentifier namespace");
    this.name = Validate.nonEmpty(name, "EgressIdentifier name");
    if (consumedType == null) {
      throw new IllegalArgumentException("EgressIdentifier consumedType must not be null");
    }
    this.consumedType = consumedType;
    // The class's name, not the Class object, whose hash code differs from JVM to JVM. Computed
    // once: functions look their egress up on every record they emit.
    this.hash = Objects.hash(this.namespace, this.name, consumedType.getName());
  }

  public String namespace() {
    return namespace;
  }

  public String name() {
    return name;
  }

  public Class<T> consumedType() {
    return consumedType;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof EgressIdentifier)) {
      return false;
    }
    EgressIdentifier<?> other = (EgressIdentifier<?>) o;
    return namespace.equals(other.namespace)
        && name.equals(other.name)
        && consumedType.equals(other.consumedType);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** Returns {@code namespace/name}. */
  @Override
  public String toString() {
    return namespace + "/" + name;
  }
}
