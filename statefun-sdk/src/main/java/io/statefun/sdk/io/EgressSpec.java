package io.statefun.sdk.io;

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
}
