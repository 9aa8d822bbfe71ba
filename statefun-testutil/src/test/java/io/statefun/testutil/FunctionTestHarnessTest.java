package io.statefun.testutil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.sdk.Address;
import io.statefun.sdk.AsyncOperationResult;
import io.statefun.sdk.Context;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.StatefulFunction;
import io.statefun.sdk.annotations.Persisted;
import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.state.PersistedAppendingBuffer;
import io.statefun.sdk.state.PersistedStateRegistry;
import io.statefun.sdk.state.PersistedTable;
import io.statefun.sdk.state.PersistedValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class FunctionTestHarnessTest {
  static final FunctionType COUNTER = new FunctionType("test", "counter");
  static final FunctionType OTHER = new FunctionType("test", "other");
  static final EgressIdentifier<String> OUT = new EgressIdentifier<>("test", "out", String.class);
  static final EgressIdentifier<Long> TOTALS = new EgressIdentifier<>("test", "totals", Long.class);

  /** Exercises every kind of effect, chosen by the input. */
  static final class CounterFn implements StatefulFunction {
    @Persisted final PersistedValue<Long> count = PersistedValue.of("count", Long.class);

    @Persisted
    final PersistedTable<String, Integer> seen =
        PersistedTable.of("seen", String.class, Integer.class);

    @Persisted
    final PersistedAppendingBuffer<String> log = PersistedAppendingBuffer.of("log", String.class);

    @Override
    public void invoke(Context context, Object input) {
      if (input instanceof AsyncOperationResult<?, ?> result) {
        context.send(OUT, result.status() + ":" + result.metadata() + ":" + result.value());
        return;
      }
      String command = (String) input;
      long next = count.getOrDefault(0L) + 1;
      count.set(next);
      log.append(command);
      Address caller = context.caller();
      seen.set(caller == null ? "ingress" : caller.id(), next == 1 ? 1 : next > 0 ? 1 : 0);
      context.metrics().counter("commands").inc();
      switch (command) {
        case "ping" -> context.reply("pong");
        case "forward" -> context.send(OTHER, context.self().id(), "forwarded");
        case "emit" -> {
          context.send(OUT, "hello " + context.self().id());
          context.send(TOTALS, next);
        }
        case "remind" ->
            context.sendAfter(Duration.ofSeconds(10), context.self(), "reminded", "reminder");
        case "remind-other" ->
            context.sendAfter(Duration.ofSeconds(1), new Address(OTHER, "x"), "late");
        case "cancel" -> context.cancelDelayedMessage("reminder");
        case "reminded" -> context.send(OUT, "reminder fired at count " + next);
        case "async" -> context.registerAsyncOperation("op-" + next, new CompletableFuture<>());
        case "async-done" ->
            context.registerAsyncOperation("done", CompletableFuture.completedFuture(7));
        case "boom" -> throw new IllegalStateException("boom");
        default -> {}
      }
    }
  }

  private final FunctionTestHarness harness =
      FunctionTestHarness.forType(COUNTER, type -> new CounterFn());

  @Test
  void keepsStateApartPerAddress() {
    harness.invoke("a", "x");
    harness.invoke("a", "y");
    harness.invoke("b", "z");

    assertThat(harness.value("a", "count")).isEqualTo(2L);
    assertThat(harness.value("b", "count", Long.class)).isEqualTo(1L);
    assertThat(harness.buffer("a", "log")).containsExactly("x", "y");
    assertThat(harness.buffer("b", "log")).containsExactly("z");
    assertThat(harness.value("never-invoked", "count")).isNull();
    assertThat(harness.counter("commands")).isEqualTo(3);
  }

  @Test
  void presetStateIsWhatTheFunctionSees() {
    harness.presetValue("a", "count", 41L).presetBuffer("a", "log", List.of("earlier"));
    harness.presetTable("a", "seen", Map.of("old", 9));

    harness.invoke("a", "x");

    assertThat(harness.value("a", "count")).isEqualTo(42L);
    assertThat(harness.buffer("a", "log")).containsExactly("earlier", "x");
    assertThat(harness.table("a", "seen")).containsEntry("old", 9).containsEntry("ingress", 1);
    harness.clearState("a");
    assertThat(harness.value("a", "count")).isNull();
  }

  @Test
  void presetStateIsChecked() {
    assertThatThrownBy(() -> harness.presetValue("a", "nope", 1L))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("test/counter")
        .hasMessageContaining("'nope'")
        .hasMessageContaining("[count, seen, log]");
    assertThatThrownBy(() -> harness.presetValue("a", "count", "a string"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.Long");
    assertThatThrownBy(() -> harness.table("a", "count"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is a value, not a table");
  }

  @Test
  void recordsSendsAndReplies() {
    Address caller = new Address(OTHER, "asker");
    Invocation ping = harness.invoke(caller, "a", "ping");
    Invocation forward = harness.invoke("a", "forward");

    assertThat(ping.sends()).containsExactly(new Sent(caller, "pong"));
    assertThat(ping.replies()).containsExactly("pong");
    assertThat(ping.caller()).isEqualTo(caller);
    assertThat(forward.sends()).containsExactly(new Sent(new Address(OTHER, "a"), "forwarded"));
    assertThat(forward.sentTo(new Address(OTHER, "a"))).containsExactly("forwarded");
    assertThat(harness.sends()).hasSize(2);
    assertThatThrownBy(() -> harness.invoke("a", "ping"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no caller");
  }

  @Test
  void recordsEgressPerIdentifier() {
    Invocation emit = harness.invoke("a", "emit");
    harness.invoke("b", "emit");

    assertThat(emit.egress(OUT)).containsExactly("hello a");
    assertThat(emit.egress(TOTALS)).containsExactly(1L);
    assertThat(harness.egress(OUT)).containsExactly("hello a", "hello b");
    assertThat(harness.invoke("a", "nothing").hasNoEffects()).isTrue();
  }

  @Test
  void deliversDelayedMessagesWhenTheClockPassesTheirDueTime() {
    Invocation remind = harness.invoke("a", "remind");
    assertThat(remind.delayedSends())
        .containsExactly(
            new DelayedSend(Duration.ofSeconds(10), harness.address("a"), "reminded", "reminder"));

    assertThat(harness.advanceTime(Duration.ofSeconds(9))).isEmpty();
    List<Invocation> fired = harness.advanceTime(Duration.ofSeconds(1));

    assertThat(fired).hasSize(1);
    assertThat(fired.get(0).caller()).isEqualTo(harness.address("a"));
    assertThat(fired.get(0).egress(OUT)).containsExactly("reminder fired at count 2");
    assertThat(harness.pendingDelayedSends()).isEmpty();
    assertThat(harness.elapsed()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void cancelledDelayedMessagesNeverArrive() {
    harness.invoke("a", "remind");
    harness.invoke("b", "remind");
    Invocation cancel = harness.invoke("a", "cancel");

    assertThat(cancel.cancellations()).containsExactly("reminder");
    List<Invocation> fired = harness.advanceTime(Duration.ofMinutes(1));
    assertThat(fired).extracting(Invocation::self).containsExactly(harness.address("b"));
  }

  @Test
  void aPendingTokenCannotBeReusedBySameSender() {
    harness.invoke("a", "remind");
    harness.invoke("b", "remind"); // another sender, its own token space

    assertThatThrownBy(() -> harness.invoke("a", "remind"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("test/counter")
        .hasMessageContaining("'reminder'");
  }

  @Test
  void delayedMessagesToOtherTypesAreCollected() {
    harness.invoke("a", "remind-other");

    assertThat(harness.advanceTime(Duration.ofSeconds(5))).isEmpty();
    assertThat(harness.firedToOtherTypes())
        .containsExactly(new Sent(new Address(OTHER, "x"), "late"));
  }

  @Test
  void completingAnAsyncOperationInvokesItsOwner() {
    Invocation async = harness.invoke("a", "async");
    AsyncOperation<?, ?> operation = async.asyncOperations().get(0);
    assertThat(operation.metadata()).isEqualTo("op-1");
    assertThat(harness.asyncOperationsInFlight()).containsExactly(operation);

    @SuppressWarnings("unchecked")
    Invocation result = harness.completeAsync((AsyncOperation<Object, Object>) operation, 5);

    assertThat(result.caller()).isNull();
    assertThat(result.input()).isInstanceOf(AsyncOperationResult.class);
    assertThat(result.egress(OUT)).containsExactly("SUCCESS:op-1:5");
    assertThat(harness.asyncOperationsInFlight()).isEmpty();
    assertThatThrownBy(() -> harness.failAsync(operation, new RuntimeException()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void failedAndUnknownAsyncResults() {
    AsyncOperation<?, ?> first = harness.invoke("a", "async").asyncOperations().get(0);
    harness.invoke("b", "async");

    Invocation failed = harness.failAsync(first, new RuntimeException("down"));
    List<Invocation> unknown = harness.deliverInFlightAsUnknown();

    assertThat(failed.egress(OUT)).containsExactly("FAILURE:op-1:null");
    assertThat(unknown).hasSize(1);
    assertThat(unknown.get(0).self()).isEqualTo(harness.address("b"));
    assertThat(unknown.get(0).egress(OUT)).containsExactly("UNKNOWN:op-1:null");
  }

  @Test
  void alreadyCompletedFuturesAreDeliveredOnRequest() {
    harness.invoke("a", "async-done");
    harness.invoke("a", "async");

    List<Invocation> delivered = harness.deliverCompletedAsync();

    assertThat(delivered).hasSize(1);
    assertThat(delivered.get(0).egress(OUT)).containsExactly("SUCCESS:done:7");
    assertThat(harness.asyncOperationsInFlight()).hasSize(1);
  }

  @Test
  void exceptionsOfTheFunctionPropagate() {
    assertThatThrownBy(() -> harness.invoke("a", "boom"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("boom");
    // The next invocation works: the harness is not left mid-invocation.
    assertThat(harness.invoke("a", "x").self()).isEqualTo(harness.address("a"));
  }

  @Test
  void aContextIsInvalidAfterItsInvocation() {
    AtomicReference<Context> leaked = new AtomicReference<>();
    FunctionTestHarness leaking =
        FunctionTestHarness.forType(COUNTER, type -> (context, input) -> leaked.set(context));
    leaking.invoke("a", "x");

    assertThatThrownBy(() -> leaked.get().send(OTHER, "b", "late"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("after its invocation returned");
  }

  @Test
  void stateObjectsCannotBeUsedOutsideAnInvocation() {
    CounterFn function = new CounterFn();
    FunctionTestHarness.forType(COUNTER, type -> function);

    assertThatThrownBy(function.count::get)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("outside an invocation");
  }

  /** State registered at run time, and state in a nested object. */
  static final class DynamicFn implements StatefulFunction {
    static final class Nested {
      @Persisted final PersistedValue<String> last = PersistedValue.of("last", String.class);
    }

    @Persisted final PersistedStateRegistry registry = new PersistedStateRegistry();
    @Persisted final Nested nested = new Nested();
    private PersistedValue<Integer> lazy;

    @Override
    public void invoke(Context context, Object input) {
      if (lazy == null) {
        lazy = PersistedValue.of("lazy", Integer.class);
        registry.registerValue(lazy);
      }
      lazy.set(lazy.getOrDefault(0) + 1);
      nested.last.set((String) input);
    }
  }

  @Test
  void bindsRegisteredAndNestedState() {
    FunctionTestHarness dynamic = FunctionTestHarness.forType(COUNTER, type -> new DynamicFn());
    dynamic.invoke("a", "one");
    dynamic.invoke("a", "two");
    dynamic.invoke("b", "three");

    assertThat(dynamic.value("a", "lazy")).isEqualTo(2);
    assertThat(dynamic.value("b", "lazy")).isEqualTo(1);
    assertThat(dynamic.value("a", "last")).isEqualTo("two");
  }

  @Test
  void aNullPersistedFieldIsNamed() {
    class Broken implements StatefulFunction {
      @Persisted PersistedValue<Integer> missing;

      @Override
      public void invoke(Context context, Object input) {}
    }
    assertThatThrownBy(() -> FunctionTestHarness.forType(COUNTER, type -> new Broken()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("test/counter")
        .hasMessageContaining("missing");
  }
}
