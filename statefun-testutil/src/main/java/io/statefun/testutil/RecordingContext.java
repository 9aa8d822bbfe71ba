package io.statefun.testutil;

import io.statefun.sdk.Address;
import io.statefun.sdk.Context;
import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.metrics.Metrics;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The context of one invocation: records every effect into the {@link Invocation} and hands delayed
 * messages and async operations to the harness. Like the runtime's, it is valid only while the
 * invocation runs.
 */
final class RecordingContext implements Context {
  private final FunctionTestHarness harness;
  private final Invocation invocation;
  private boolean open = true;

  RecordingContext(FunctionTestHarness harness, Invocation invocation) {
    this.harness = harness;
    this.invocation = invocation;
  }

  void close() {
    open = false;
  }

  @Override
  public Address self() {
    requireOpen("self");
    return invocation.self();
  }

  @Override
  public Address caller() {
    requireOpen("caller");
    return invocation.caller();
  }

  @Override
  public void send(Address to, Object message) {
    requireOpen("send");
    requireArgument(to, "target address");
    requireArgument(message, "message");
    invocation.sends.add(new Sent(to, message));
  }

  @Override
  public void reply(Object message) {
    requireOpen("reply");
    if (invocation.caller() == null) {
      throw new IllegalStateException(
          "reply() called by "
              + invocation.self()
              + " but the current message has no caller (ingress)");
    }
    send(invocation.caller(), message);
    invocation.replies.add(message);
  }

  @Override
  public <T> void send(EgressIdentifier<T> egress, T message) {
    requireOpen("send to an egress");
    requireArgument(egress, "egress");
    requireArgument(message, "egress record");
    invocation.egressRecords.add(new EgressRecord(egress, message));
  }

  @Override
  public void sendAfter(Duration delay, Address to, Object message) {
    schedule(delay, to, message, null);
  }

  @Override
  public void sendAfter(Duration delay, Address to, Object message, String cancellationToken) {
    requireArgument(cancellationToken, "cancellation token");
    schedule(delay, to, message, cancellationToken);
  }

  private void schedule(Duration delay, Address to, Object message, String token) {
    requireOpen("sendAfter");
    requireArgument(delay, "delay");
    requireArgument(to, "target address");
    requireArgument(message, "message");
    if (delay.isNegative()) {
      throw new IllegalArgumentException(
          invocation.self() + " scheduled a message with a negative delay: " + delay);
    }
    DelayedSend send = new DelayedSend(delay, to, message, token);
    harness.scheduleDelayed(invocation.self(), send);
    invocation.delayedSends.add(send);
  }

  @Override
  public void cancelDelayedMessage(String cancellationToken) {
    requireOpen("cancelDelayedMessage");
    requireArgument(cancellationToken, "cancellation token");
    harness.cancelDelayed(invocation.self(), cancellationToken);
    invocation.cancellations.add(cancellationToken);
  }

  @Override
  public <M, T> void registerAsyncOperation(M metadata, CompletableFuture<T> future) {
    requireOpen("registerAsyncOperation");
    requireArgument(future, "future");
    invocation.asyncOperations.add(harness.registerAsync(invocation.self(), metadata, future));
  }

  @Override
  public Metrics metrics() {
    requireOpen("metrics");
    return harness.metrics();
  }

  private void requireOpen(String what) {
    if (!open) {
      throw new IllegalStateException(
          what
              + "() called on the context of "
              + invocation.self()
              + " after its invocation returned; a context is valid only during invoke()");
    }
  }

  private void requireArgument(Object argument, String what) {
    if (argument == null) {
      throw new IllegalArgumentException(invocation.self() + " passed a null " + what);
    }
  }
}
