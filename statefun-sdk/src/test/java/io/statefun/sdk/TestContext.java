package io.statefun.sdk;

import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.metrics.Counter;
import io.statefun.sdk.metrics.Metrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** A {@link Context} for unit tests that records everything a function sends. */
public final class TestContext implements Context {

  public record Sent(Address to, Object message) {}

  public record Delayed(Duration delay, Address to, Object message, String cancellationToken) {}

  public record Emitted(EgressIdentifier<?> egress, Object message) {}

  public record AsyncOperation(Object metadata, CompletableFuture<?> future) {}

  public final List<Sent> sent = new ArrayList<>();
  public final List<Delayed> delayed = new ArrayList<>();
  public final List<Emitted> emitted = new ArrayList<>();
  public final List<String> cancelled = new ArrayList<>();
  public final List<AsyncOperation> asyncOperations = new ArrayList<>();
  public final Map<String, Long> counters = new HashMap<>();

  private final Map<String, Counter> counterObjects = new HashMap<>();
  private final Address self;
  private final Address caller;

  public TestContext(Address self, Address caller) {
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
    sent.add(new Sent(to, message));
  }

  @Override
  public <T> void send(EgressIdentifier<T> egress, T message) {
    emitted.add(new Emitted(egress, message));
  }

  @Override
  public void sendAfter(Duration delay, Address to, Object message) {
    delayed.add(new Delayed(delay, to, message, null));
  }

  @Override
  public void sendAfter(Duration delay, Address to, Object message, String cancellationToken) {
    delayed.add(new Delayed(delay, to, message, cancellationToken));
  }

  @Override
  public void cancelDelayedMessage(String cancellationToken) {
    cancelled.add(cancellationToken);
  }

  @Override
  public <M, T> void registerAsyncOperation(M metadata, CompletableFuture<T> future) {
    asyncOperations.add(new AsyncOperation(metadata, future));
  }

  @Override
  public Metrics metrics() {
    return name -> counterObjects.computeIfAbsent(name, this::newCounter);
  }

  private Counter newCounter(String name) {
    return new Counter() {
      @Override
      public void inc(long amount) {
        counters.merge(name, amount, Long::sum);
      }

      @Override
      public void dec(long amount) {
        counters.merge(name, -amount, Long::sum);
      }
    };
  }
}
