package io.statefun.sdk;

import io.statefun.sdk.internal.Validate;
import java.io.Serializable;

/**
 * The type of a stateful function: a namespace and a name. Every function instance has exactly one
 * type, and a type is bound to one {@link StatefulFunctionProvider}.
 *
 * <p>Immutable. Its hash code depends only on the two strings, so it is the same in every JVM.
 */
public final class FunctionType implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String namespace;
  private final String name;
  private final int hash;

  /**
   * @throws IllegalArgumentException if the namespace or the name is null or empty
   */
  public FunctionType(String namespace, String name) {
    this.namespace = Validate.nonEmpty(namespace, "FunctionType namespace");
    this.name = Validate.nonEmpty(name, "FunctionType name");
    this.hash = 31 * namespace.hashCode() + name.hashCode();
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
    if (!(o instanceof FunctionType)) {
      return false;
    }
    FunctionType other = (FunctionType) o;
    return hash == other.hash && namespace.equals(other.namespace) && name.equals(other.name);
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
