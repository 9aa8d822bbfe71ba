package io.statefun.flink.harness.exactlyonce;

import io.statefun.sdk.Address;
import io.statefun.sdk.Context;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.StatefulFunction;
import io.statefun.sdk.annotations.Persisted;
import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.io.IngressIdentifier;
import io.statefun.sdk.spi.StatefulFunctionModule;
import io.statefun.sdk.state.PersistedValue;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
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

  /** A node of a command tree. */
  record Command(int target, int increments, boolean report, List<Command> children)
      implements Serializable {}

  /** The ping-pong token. */
  record Ping(long hop) implements Serializable {}

  /** Asks an address for its count. */
  record Query(int target) implements Serializable {}

  /** An address's count: after an increment, or in answer to a query. */
  record Report(int address, long count, boolean answer) implements Serializable {}

  static Command commandAt(long index) {
    SplittableRandom random = new SplittableRandom(SEED ^ (index * 0x9E3779B97F4A7C15L));
    return node(random, 1);
  }

  private static Command node(SplittableRandom random, int depth) {
    int target = random.nextInt(ADDRESSES);
    int increments = random.nextInt(3); // 0, 1 or 2
    boolean report = random.nextInt(4) == 0;
    List<Command> children = new ArrayList<>();
    if (depth < MAX_DEPTH) {
      int fanOut = random.nextInt(depth == 1 ? 4 : 3); // shrinking trees
      for (int i = 0; i < fanOut; i++) {
        children.add(node(random, depth + 1));
      }
    }
    return new Command(target, increments, report, children);
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
      Command command = (Command) input;
      if (FAIL_IN_FUNCTION.compareAndSet(true, false)) {
        throw new IllegalStateException("injected failure in " + context.self());
      }
      long now = count.getOrDefault(0L) + command.increments();
      count.set(now);
      if (command.report() || command.increments() > 0) {
        context.send(REPORTS, new Report(self, now, false));
      }
      for (Command child : command.children()) {
        context.send(address(child.target()), child);
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
