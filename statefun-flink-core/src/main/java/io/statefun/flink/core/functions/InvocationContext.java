package io.statefun.flink.core.functions;

import io.statefun.flink.core.message.Message;
import io.statefun.sdk.Address;
import io.statefun.sdk.Context;
import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.metrics.Metrics;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The {@link Context} of the invocation in progress: hands sends to the outbox, delayed messages to
 * their keyed store and async operations to their registry. One instance per operator, re-aimed
 * before every invocation, so an invocation allocates no context.
 */
final class InvocationContext implements Context {
  private final Outbox outbox;
  private final DelayedMessages delayed;
  private final AsyncOperations async;
  private Address self;
  private Address caller;
  private LiveFunction function;

  /** Null unless some function type has the dead-letter policy. */
  private AtomicInvocation atomic;

  InvocationContext(Outbox outbox, DelayedMessages delayed, AsyncOperations async) {
    this.outbox = outbox;
    this.delayed = delayed;
    this.async = async;
  }

  /** Holds the effects of atomic invocations; set before the first invocation. */
  void holdWith(AtomicInvocation atomic) {
    this.atomic = atomic;
  }

  void enter(LiveFunction function, Address self, Address caller) {
    this.function = function;
    this.self = self;
    this.caller = caller;
  }

  @Override
  public Address self() {
    return self;
  }

  @Override
  public Address caller() {
    return caller;
  }

  @Override
  public void send(Address to, Object message) {
    requireArgument(to, "target address");
    requireArgument(message, "message");
    if (atomic != null && atomic.active()) {
      atomic.held().send(outbox.checked(new Message(self, to, message)));
    } else {
      outbox.send(self, to, message);
    }
    function.sent.sentTo(to.type());
  }

  @Override
  public <T> void send(EgressIdentifier<T> egress, T message) {
    requireArgument(egress, "egress");
    requireArgument(message, "egress record");
    if (atomic != null && atomic.active()) {
      atomic.held().egress(outbox.egressTag(self, egress), message);
    } else {
      outbox.sendToEgress(self, egress, message);
    }
    function.sent.sentTo(egress);
  }

  @Override
  public void sendAfter(Duration delay, Address to, Object message) {
    sendAfter(delay, to, message, null);
  }

  @Override
  public void sendAfter(Duration delay, Address to, Object message, String cancellationToken) {
    requireArgument(delay, "delay");
    requireArgument(to, "target address");
    requireArgument(message, "message");
    if (delay.isNegative()) {
      throw new IllegalArgumentException(
          self + " called sendAfter with a negative delay " + delay + " to " + to);
    }
    delayed.sendAfter(self, delay, to, message, cancellationToken);
    function.sent.sentTo(to.type()); // counted when sent, though it arrives (or is cancelled) later
  }

  @Override
  public void cancelDelayedMessage(String cancellationToken) {
    requireArgument(cancellationToken, "cancellation token");
    delayed.cancel(self, cancellationToken);
  }

  @Override
  public <M, T> void registerAsyncOperation(M metadata, CompletableFuture<T> future) {
    requireArgument(future, "future");
    async.register(self, metadata, future);
  }

  @Override
  public Metrics metrics() {
    return function.metrics;
  }

  private void requireArgument(Object value, String what) {
    if (value == null) {
      throw new IllegalArgumentException(self + " passed a null " + what);
    }
  }
}
