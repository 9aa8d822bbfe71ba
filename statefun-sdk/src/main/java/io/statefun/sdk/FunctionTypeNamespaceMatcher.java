package io.statefun.sdk;

import io.statefun.sdk.internal.Validate;
import java.io.Serializable;

/**
 * Matches every {@link FunctionType} of one namespace. Binding a provider to a matcher lets one
 * provider create functions for types that are not known in advance; a provider bound to an exact
 * {@link FunctionType} takes precedence over a namespace matcher.
 */
public final class FunctionTypeNamespaceMatcher implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String namespace;

  private FunctionTypeNamespaceMatcher(String namespace) {
    this.namespace = Validate.nonEmpty(namespace, "FunctionTypeNamespaceMatcher namespace");
  }

  /**
   * @throws IllegalArgumentException if the namespace is null or empty
   */
  public static FunctionTypeNamespaceMatcher targetNamespace(String namespace) {
    return new FunctionTypeNamespaceMatcher(namespace);
  }

  public String namespace() {
    return namespace;
  }

  public boolean matches(FunctionType type) {
    return namespace.equals(type.namespace());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FunctionTypeNamespaceMatcher
        && namespace.equals(((FunctionTypeNamespaceMatcher) o).namespace);
  }

  @Override
  public int hashCode() {
    return namespace.hashCode();
  }

  @Override
  public String toString() {
    return namespace + "/*";
  }
}
