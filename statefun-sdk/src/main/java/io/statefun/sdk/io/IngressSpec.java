package io.statefun.sdk.io;

/**
 * Describes an ingress: where records come from. Concrete specs are provided by the runtime's IO
 * modules (a Flink source, Kafka, a test supplier); the SDK only needs the identifier.
 *
 * @param <T> the type of the records the ingress produces
 */
public interface IngressSpec<T> {

  /** The identifier routers are bound to. */
  IngressIdentifier<T> id();
}
