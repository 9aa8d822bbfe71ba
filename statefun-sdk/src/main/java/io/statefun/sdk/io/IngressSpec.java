package io.statefun.sdk.io;

import io.statefun.sdk.IngressType;

/**
 * Describes an ingress: where records come from. Concrete specs are provided by the runtime's IO
 * modules (a Flink source, Kafka, a test supplier); the SDK only needs the identifier.
 *
 * @param <T> the type of the records the ingress produces
 */
public interface IngressSpec<T> {

  /** The identifier routers are bound to. */
  IngressIdentifier<T> id();

  /**
   * The kind of this spec: which IO implementation it belongs to. Specs of the runtime's IO modules
   * name theirs; by default it is the spec's package and class name.
   */
  default IngressType type() {
    return new IngressType(SpecKinds.namespaceOf(getClass()), SpecKinds.nameOf(getClass()));
  }
}
