package io.statefun.flink.core.functions;

import io.statefun.sdk.Address;
import io.statefun.sdk.Context;
import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.metrics.Metrics;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The {@link Context} of the invocation in progress. One instance per operator, re-aimed before
 * every invocation, so an invocation allocates no context.
 */
final class InvocationContext implements Context {
  private final Dispatcher dispatcher;
  private Address self;
  private Address caller;
  private LiveFunction function;

  InvocationContext(Dispatcher dispatcher) {
    this.dispatcher = dispatcher;
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
    dispatcher.send(self, to, message);
  }

  @Override
  public <T> void send(EgressIdentifier<T> egress, T message) {
    requireArgument(egress, "egress");
    requireArgument(message, "egress record");
    dispatcher.sendToEgress(self, egress, message);
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
    dispatcher.sendAfter(self, delay, to, message, cancellationToken);
  }

  @Override
  public void cancelDelayedMessage(String cancellationToken) {
    requireArgument(cancellationToken, "cancellation token");
    dispatcher.cancelDelayedMessage(self, cancellationToken);
  }

  @Override
  public <M, T> void registerAsyncOperation(M metadata, CompletableFuture<T> future) {
    requireArgument(future, "future");
    dispatcher.registerAsyncOperation(self, metadata, future);
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
