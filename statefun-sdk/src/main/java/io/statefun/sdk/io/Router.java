package io.statefun.sdk.io;

import io.statefun.sdk.Address;
import io.statefun.sdk.FunctionType;

/**
 * Decides which function addresses an ingress record is sent to. A router may forward one record to
 * any number of addresses, including none. Several routers may be bound to one ingress; each sees
 * every record.
 *
 * <p>A module's router instance is shared by all parallel instances of the ingress in one JVM and
 * may be called from several threads at once: keep it stateless, and do not block in it.
 *
 * @param <T> the ingress record type
 */
@FunctionalInterface
public interface Router<T> {

  void route(T message, Downstream<T> downstream);

  /** Where a router forwards messages to. Valid only during the {@code route} call. */
  interface Downstream<T> {

    /**
     * Sends {@code message} to the function at {@code to}.
     *
     * @throws IllegalArgumentException if an argument is null
     */
    void forward(Address to, Object message);

    default void forward(FunctionType type, String id, Object message) {
      forward(new Address(type, id), message);
    }
  }
}
