package io.statefun.flink.harness.exactlyonce;

import io.statefun.flink.harness.testing.TestDelays;
import io.statefun.sdk.Address;
import io.statefun.sdk.AsyncOperationResult;
import io.statefun.sdk.Context;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.StatefulFunction;
import io.statefun.sdk.annotations.Persisted;
import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.io.IngressIdentifier;
import io.statefun.sdk.spi.StatefulFunctionModule;
import io.statefun.sdk.state.PersistedValue;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A deterministic random command workload: each ingress record is a tree of commands (increment the
 * target's counter, send sub-commands to other addresses, report to the egress), nested up to depth
 * 5. The exact count every address must end with follows from the generator alone.
 */
final class CommandWorkload {
  static final int ADDRESSES = 1000;
  static final int MAX_DEPTH = 5;
  static final long SEED = 0x5eed_cafeL;

  static final FunctionType COUNTER = new FunctionType("cmd", "counter");
  static final IngressIdentifier<Command> COMMANDS =
      new IngressIdentifier<>(Command.class, "cmd", "commands");
  static final IngressIdentifier<Query> QUERIES =
      new IngressIdentifier<>(Query.class, "cmd", "queries");
  static final IngressIdentifier<Ping> PINGS = new IngressIdentifier<>(Ping.class, "cmd", "pings");
  static final FunctionType PINGER = new FunctionType("cmd", "pinger");

  /**
   * Two pinger ids on different subtasks at parallelism 2 and 3. Their endless ping-pong means that
   * exactly one message crosses every checkpoint's cut, so every checkpoint logs at least one
   * feedback record, and a restore that lost it would stop the ping-pong.
   */
  static final String[] PINGER_IDS = pingerIds();

  static final EgressIdentifier<Report> REPORTS =
      new EgressIdentifier<>("cmd", "reports", Report.class);

  /** Failures the test arms; each fires once, in whichever subtask gets there first. */
  static final AtomicBoolean FAIL_IN_FUNCTION = new AtomicBoolean();

  static final AtomicBoolean FAIL_IN_ROUTER = new AtomicBoolean();

  private CommandWorkload() {}

  /** How a parent hands a child command to its target. */
  enum Delivery {
    SEND,
    SEND_AFTER,
    /** Sent after a delay with a cancellation token, then cancelled: must never arrive. */
    CANCELLED,
    /** Carried by an async operation's result (or re-sent on UNKNOWN after a restore). */
    ASYNC
  }

  /** A node of a command tree; {@code id} is unique across all trees. */
  record Command(
      String id,
      int target,
      int increments,
      boolean report,
      Delivery delivery,
      List<Command> children)
      implements Serializable {}

  /** The ping-pong token. */
  record Ping(long hop) implements Serializable {}

  /** Asks an address for its count. */
  record Query(int target) implements Serializable {}

  /** An address's count: after an increment, or in answer to a query. */
  record Report(int address, long count, boolean answer) implements Serializable {}

  /** Every application of a command: "attempt command-id", across all attempts of a run. */
  static final java.util.Queue<String> APPLIED = new java.util.concurrent.ConcurrentLinkedQueue<>();

  static Command commandAt(long index) {
    SplittableRandom random = new SplittableRandom(SEED ^ (index * 0x9E3779B97F4A7C15L));
    return node(random, Long.toString(index), Delivery.SEND, 1);
  }

  private static Command node(SplittableRandom random, String id, Delivery delivery, int depth) {
    int target = random.nextInt(ADDRESSES);
    int increments = random.nextInt(3); // 0, 1 or 2
    boolean report = random.nextInt(4) == 0;
    List<Command> children = new ArrayList<>();
    if (depth < MAX_DEPTH) {
      int fanOut = random.nextInt(depth == 1 ? 4 : 3); // shrinking trees
      for (int i = 0; i < fanOut; i++) {
        int kind = random.nextInt(10);
        Delivery childDelivery =
            kind < 7
                ? Delivery.SEND
                : kind == 7 ? Delivery.SEND_AFTER : kind == 8 ? Delivery.CANCELLED : Delivery.ASYNC;
        children.add(node(random, id + "." + i, childDelivery, depth + 1));
      }
    }
    return new Command(id, target, increments, report, delivery, children);
  }

  /** The count every address must reach after commands {@code 0 … count - 1}. */
  static long[] expectedCounts(long count) {
    long[] expected = new long[ADDRESSES];
    for (long i = 0; i < count; i++) {
      accumulate(commandAt(i), expected);
    }
    return expected;
  }

  private static void accumulate(Command command, long[] expected) {
    if (command.delivery() == Delivery.CANCELLED) {
      return;
    }
    expected[command.target()] += command.increments();
    for (Command child : command.children()) {
      accumulate(child, expected);
    }
  }

  private static String[] pingerIds() {
    for (int a = 0; a < 100; a++) {
      for (int b = a + 1; b < 100; b++) {
        Address first = new Address(PINGER, "pinger-" + a);
        Address second = new Address(PINGER, "pinger-" + b);
        if (subtask(first, 2) != subtask(second, 2) && subtask(first, 3) != subtask(second, 3)) {
          return new String[] {first.id(), second.id()};
        }
      }
    }
    throw new IllegalStateException("no pinger pair found");
  }

  private static int subtask(Address address, int parallelism) {
    return org.apache.flink.runtime.state.KeyGroupRangeAssignment.assignKeyToParallelOperator(
        address, 128, parallelism);
  }

  /** Sends the token back and forth between the two pinger ids, forever. */
  static final class PingerFn implements StatefulFunction {
    @Persisted private final PersistedValue<Long> hops = PersistedValue.of("hops", Long.class);

    @Override
    public void invoke(Context context, Object input) {
      Ping ping = (Ping) input;
      hops.set(hops.getOrDefault(0L) + 1);
      String partner = context.self().id().equals(PINGER_IDS[0]) ? PINGER_IDS[1] : PINGER_IDS[0];
      context.send(PINGER, partner, new Ping(ping.hop() + 1));
    }
  }

  static Address address(int id) {
    return new Address(COUNTER, Integer.toString(id));
  }

  /** Applies commands and answers queries. */
  static final class CounterFn implements StatefulFunction {
    @Persisted private final PersistedValue<Long> count = PersistedValue.of("count", Long.class);

    @Override
    public void invoke(Context context, Object input) {
      int self = Integer.parseInt(context.self().id());
      if (input instanceof Query) {
        context.send(REPORTS, new Report(self, count.getOrDefault(0L), true));
        return;
      }
      if (input instanceof AsyncOperationResult) {
        AsyncOperationResult<?, ?> result = (AsyncOperationResult<?, ?>) input;
        if (result.failure()) {
          throw new IllegalStateException("async operation failed", result.throwable());
        }
        // SUCCESS, or UNKNOWN after a restore: either way the child was not sent yet.
        Command child = (Command) result.metadata();
        context.send(address(child.target()), child);
        return;
      }
      Command command = (Command) input;
      if (FAIL_IN_FUNCTION.compareAndSet(true, false)) {
        throw new IllegalStateException("injected failure in " + context.self());
      }
      long now = count.getOrDefault(0L) + command.increments();
      count.set(now);
      String task = Thread.currentThread().getName(); // "… (i/p)#attempt"
      APPLIED.add(task.substring(task.lastIndexOf('#') + 1) + " " + command.id());
      if (command.report() || command.increments() > 0) {
        context.send(REPORTS, new Report(self, now, false));
      }
      for (Command child : command.children()) {
        deliver(context, child);
      }
    }

    private static void deliver(Context context, Command child) {
      Address to = address(child.target());
      switch (child.delivery()) {
        case SEND -> context.send(to, child);
        case SEND_AFTER ->
            context.sendAfter(Duration.ofMillis(20 + child.target() % 50), to, child);
        case CANCELLED -> {
          String token = "cancel-" + child.id();
          context.sendAfter(Duration.ofMillis(300), to, child, token);
          context.cancelDelayedMessage(token);
        }
        case ASYNC ->
            context.registerAsyncOperation(
                child,
                CompletableFuture.supplyAsync(
                    () -> child, TestDelays.after(5 + child.target() % 20)));
      }
    }
  }

  /** Binds the counter, both ingresses' routers and the report egress. */
  static final class Module implements StatefulFunctionModule, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public void configure(Map<String, String> globalConfiguration, Binder binder) {
      binder.bindFunctionProvider(COUNTER, type -> new CounterFn());
      binder.bindIngressRouter(
          COMMANDS,
          (command, downstream) -> {
            if (FAIL_IN_ROUTER.compareAndSet(true, false)) {
              throw new IllegalStateException("injected failure in the commands router");
            }
            downstream.forward(address(command.target()), command);
          });
      binder.bindIngressRouter(
          QUERIES, (query, downstream) -> downstream.forward(address(query.target()), query));
      binder.bindFunctionProvider(PINGER, type -> new PingerFn());
      binder.bindIngressRouter(
          PINGS, (ping, downstream) -> downstream.forward(PINGER, PINGER_IDS[0], ping));
    }
  }
}
