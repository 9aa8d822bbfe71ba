package io.statefun.sdk.io;

import io.statefun.sdk.internal.Validate;
import java.io.Serializable;
import java.util.Objects;

/**
 * Names an ingress and the type of record it produces. Two identifiers are equal when namespace,
 * name and produced type are equal.
 *
 * @param <T> the type of the records the ingress produces
 */
public final class IngressIdentifier<T> implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Class<T> producedType;
  private final String namespace;
  private final String name;

  /**
   * @throws IllegalArgumentException if any part is null, or a string part is empty
   */
  public IngressIdentifier(Class<T> producedType, String namespace, String name) {
    if (producedType == null) {
      throw new IllegalArgumentException("IngressIdentifier producedType must not be null");
    }
    this.producedType = producedType;
    this.namespace = Validate.nonEmpty(namespace, "IngressIdentifier namespace");
    this.name = Validate.nonEmpty(name, "IngressIdentifier name");
  }

  public Class<T> producedType() {
    return producedType;
  }

  public String namespace() {
    return namespace;
  }

  public String name() {
    return name;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof IngressIdentifier)) {
      return false;
    }
    IngressIdentifier<?> other = (IngressIdentifier<?>) o;
    return namespace.equals(other.namespace)
        && name.equals(other.name)
        && producedType.equals(other.producedType);
  }

  @Override
  public int hashCode() {
    // The class's name, not the Class object, whose hash code differs from JVM to JVM.
    return Objects.hash(namespace, name, producedType.getName());
  }

  /** Returns {@code namespace/name}. */
  @Override
  public String toString() {
    return namespace + "/" + name;
  }
}
