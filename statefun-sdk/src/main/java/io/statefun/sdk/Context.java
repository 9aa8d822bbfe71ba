package io.statefun.sdk;

import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.metrics.Metrics;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * What a {@link StatefulFunction} may do while it is invoked. A context is valid only during the
 * {@link StatefulFunction#invoke} call it was passed to and only on that call's thread.
 */
public interface Context {

  /** The address being invoked. Never null. */
  Address self();

  /**
   * The address of the function that sent the current message, or {@code null} when the message
   * came from an ingress (through a router) or is an {@link AsyncOperationResult}.
   */
  Address caller();

  /**
   * Sends a message to a function. Delivery is exactly once under checkpointing; messages from one
   * sender to one target arrive in the order they were sent.
   *
   * @throws IllegalArgumentException if {@code to} or {@code message} is null
   */
  void send(Address to, Object message);

  /** Sends a message to the function of type {@code type} with id {@code id}. */
  default void send(FunctionType type, String id, Object message) {
    send(new Address(type, id), message);
  }

  /**
   * Emits a record to an egress.
   *
   * @throws IllegalArgumentException if the egress or the record is null
   */
  <T> void send(EgressIdentifier<T> egress, T message);

  /**
   * Sends a message after a delay. The pending message is part of the sender's state: it survives
   * failures and restores.
   *
   * @throws IllegalArgumentException if the delay is negative, or an argument is null
   */
  void sendAfter(Duration delay, Address to, Object message);

  /**
   * Sends a message after a delay, cancellable with {@link #cancelDelayedMessage(String)}.
   *
   * @param cancellationToken identifies the pending message among the sender's pending messages
   * @throws IllegalArgumentException if the delay is negative, an argument is null, or a message
   *     with the same token is still pending for this sender
   */
  void sendAfter(Duration delay, Address to, Object message, String cancellationToken);

  /** Sends a message to {@code type}/{@code id} after a delay. */
  default void sendAfter(Duration delay, FunctionType type, String id, Object message) {
    sendAfter(delay, new Address(type, id), message);
  }

  /**
   * Cancels the pending delayed message this sender registered with {@code cancellationToken}: it
   * is never delivered. A token that is unknown or already fired is ignored.
   */
  void cancelDelayedMessage(String cancellationToken);

  /**
   * Sends a message back to the {@link #caller()}.
   *
   * @throws IllegalStateException if there is no caller (the message came from an ingress)
   */
  default void reply(Object message) {
    Address caller = caller();
    if (caller == null) {
      throw new IllegalStateException(
          "reply() called by " + self() + " but the current message has no caller (ingress)");
    }
    send(caller, message);
  }

  /**
   * Registers an asynchronous operation. When {@code future} completes (on any thread), this
   * address is invoked with an {@link AsyncOperationResult} carrying {@code metadata} and the
   * outcome. If the job restarts while the operation is in flight, the function is invoked once
   * with an {@link AsyncOperationResult.Status#UNKNOWN} result instead.
   *
   * @param metadata describes the operation; it is checkpointed, so it must be serializable by the
   *     configured message serializer
   */
  <M, T> void registerAsyncOperation(M metadata, CompletableFuture<T> future);

  /** Metrics scoped to this function's type. */
  Metrics metrics();
}
