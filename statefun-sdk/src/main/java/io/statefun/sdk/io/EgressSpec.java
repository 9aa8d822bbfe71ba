package io.statefun.sdk.io;

import io.statefun.sdk.EgressType;

/**
 * Describes an egress: where records sent with {@link
 * io.statefun.sdk.Context#send(EgressIdentifier, Object)} go. Concrete specs are provided by the
 * runtime's IO modules (a Flink sink, Kafka, a test consumer).
 *
 * @param <T> the type of the records sent to the egress
 */
public interface EgressSpec<T> {

  /** The identifier functions send to. */
  EgressIdentifier<T> id();

  /**
   * The kind of this spec: which IO implementation it belongs to. Specs of the runtime's IO modules
   * name theirs; by default it is the spec's package and class name.
   */
  default EgressType type() {
    return new EgressType(SpecKinds.namespaceOf(getClass()), SpecKinds.nameOf(getClass()));
  }
}
