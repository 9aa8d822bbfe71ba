import io.statefun.sdk.Address;
import io.statefun.sdk.Context;
import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.metrics.Counter;
import io.statefun.sdk.metrics.Metrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Records what a function under test does; the docs' snippet tests play the runtime with it. */
final class TestContext implements Context {
  record Sent(Address to, Object message) {}

  record Delayed(Duration delay, Address to, Object message, String token) {}

  final List<Sent> sent = new ArrayList<>();
  final List<Object> emitted = new ArrayList<>();
  final List<Delayed> delayed = new ArrayList<>();
  final List<String> cancelled = new ArrayList<>();
  final Map<Object, CompletableFuture<?>> async = new HashMap<>();
  final Map<String, Long> counters = new HashMap<>();
  private final Address self;
  private Address caller;

  TestContext(Address self) {
    this.self = self;
  }

  TestContext from(Address caller) {
    this.caller = caller;
    return this;
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
  public <T> void send(EgressIdentifier<T> egress, T record) {
    emitted.add(record);
  }

  @Override
  public void sendAfter(Duration delay, Address to, Object message) {
    delayed.add(new Delayed(delay, to, message, null));
  }

  @Override
  public void sendAfter(Duration delay, Address to, Object message, String token) {
    delayed.add(new Delayed(delay, to, message, token));
  }

  @Override
  public void cancelDelayedMessage(String token) {
    cancelled.add(token);
  }

  @Override
  public <M, T> void registerAsyncOperation(M metadata, CompletableFuture<T> future) {
    async.put(metadata, future);
  }

  @Override
  public Metrics metrics() {
    return name ->
        new Counter() {
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
