package io.statefun.flink.state;

import io.statefun.sdk.Address;
import io.statefun.sdk.Context;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.StatefulFunction;
import io.statefun.sdk.annotations.Persisted;
import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.io.IngressIdentifier;
import io.statefun.sdk.spi.StatefulFunctionModule;
import io.statefun.sdk.state.Expiration;
import io.statefun.sdk.state.PersistedAppendingBuffer;
import io.statefun.sdk.state.PersistedTable;
import io.statefun.sdk.state.PersistedValue;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The application the tests bootstrap, inspect and rewrite. A counter keeps a value, a table, an
 * appending buffer and two expiring values per id and tells a peer (another function type, usually
 * on another subtask) each word's length; the peer sums them. Both answer report commands with
 * their state, so a test sees what a job sees.
 */
final class Workload {
  static final String NS = "sp";
  static final FunctionType COUNTER = new FunctionType(NS, "counter");
  static final FunctionType PEER = new FunctionType(NS, "peer");
  static final FunctionType SCHEDULER = new FunctionType(NS, "scheduler");
  static final FunctionType PONGER = new FunctionType(NS, "ponger");
  static final IngressIdentifier<Command> COMMANDS =
      new IngressIdentifier<>(Command.class, NS, "commands");
  static final EgressIdentifier<Object> OUT = new EgressIdentifier<>(NS, "out", Object.class);

  static final Duration LONG_TTL = Duration.ofHours(1);
  static final Duration SHORT_TTL = Duration.ofMillis(300);
  static final String[] WORDS = {"red", "green", "blue"};
  static final int PEERS = 5;

  /** Egress records of the running test's job. */
  static final Queue<Object> OUTPUT = new ConcurrentLinkedQueue<>();

  private Workload() {}

  /** To a counter ({@code c-…}) or a peer ({@code p-…}); {@code word == null} asks for a report. */
  record Command(String id, String word) implements Serializable {}

  record Ack(String peer) implements Serializable {}

  /** A scheduler scheduled its delayed message, or the message arrived. */
  record Delayed(String id, boolean arrived) implements Serializable {}

  /** A ponger's first hop. */
  record Looping(String id) implements Serializable {}

  record Ping(long hop) implements Serializable {}

  record CounterReport(
      String id,
      Integer count,
      Map<String, Integer> words,
      List<String> history,
      String recent,
      String fleeting,
      long readAt)
      implements Serializable {}

  record PeerReport(String id, Long total, Map<String, Integer> bySender) implements Serializable {}

  /** Command {@code i} of the round-trip workload: {@code ids} counters, words in turn. */
  static Command command(long i, int ids) {
    return new Command("c-" + (i % ids), WORDS[(int) ((i * 7 + i / ids) % WORDS.length)]);
  }

  static FunctionType typeOf(String id) {
    switch (id.substring(0, 2)) {
      case "p-":
        return PEER;
      case "s-":
        return SCHEDULER;
      case "l-":
        return PONGER;
      default:
        return COUNTER;
    }
  }

  static Address counter(String id) {
    return new Address(COUNTER, id);
  }

  static Address peer(String id) {
    return new Address(PEER, id);
  }

  static final class CounterFn implements StatefulFunction {
    @Persisted final PersistedValue<Integer> count = PersistedValue.of("count", Integer.class);

    @Persisted
    final PersistedTable<String, Integer> words =
        PersistedTable.of("words", String.class, Integer.class);

    @Persisted
    final PersistedAppendingBuffer<String> history =
        PersistedAppendingBuffer.of("history", String.class);

    @Persisted
    final PersistedValue<String> recent =
        PersistedValue.of("recent", String.class, Expiration.expireAfterWriting(LONG_TTL));

    @Persisted
    final PersistedValue<String> fleeting =
        PersistedValue.of("fleeting", String.class, Expiration.expireAfterWriting(SHORT_TTL));

    @Persisted final PersistedValue<Long> sent = PersistedValue.of("sent", Long.class);

    @Override
    public void invoke(Context context, Object input) {
      Command command = (Command) input;
      if (command.word() == null) {
        Map<String, Integer> table = new LinkedHashMap<>();
        words.entries().forEach(e -> table.put(e.getKey(), e.getValue()));
        List<String> list = new ArrayList<>();
        history.view().forEach(list::add);
        context.send(
            OUT,
            new CounterReport(
                command.id(),
                count.get(),
                table,
                list,
                recent.get(),
                fleeting.get(),
                System.currentTimeMillis()));
        return;
      }
      count.set(count.getOrDefault(0) + 1);
      Integer seen = words.get(command.word());
      words.set(command.word(), seen == null ? 1 : seen + 1);
      history.append(command.word());
      recent.set(command.word());
      fleeting.set(command.word());
      long n = sent.getOrDefault(0L);
      sent.set(n + 1);
      // Which peer depends on the counter's own sequence, so the expected state is computable.
      int id = Integer.parseInt(command.id().substring(2));
      context.send(PEER, "p-" + ((id + n) % PEERS), command.word().length());
    }
  }

  static final class PeerFn implements StatefulFunction {
    @Persisted final PersistedValue<Long> total = PersistedValue.of("total", Long.class);

    @Persisted
    final PersistedTable<String, Integer> bySender =
        PersistedTable.of("by-sender", String.class, Integer.class);

    @Override
    public void invoke(Context context, Object input) {
      if (input instanceof Command) {
        Map<String, Integer> table = new LinkedHashMap<>();
        bySender.entries().forEach(e -> table.put(e.getKey(), e.getValue()));
        context.send(OUT, new PeerReport(context.self().id(), total.get(), table));
        return;
      }
      total.set(total.getOrDefault(0L) + (Integer) input);
      String sender = context.caller().id();
      Integer seen = bySender.get(sender);
      bySender.set(sender, seen == null ? 1 : seen + 1);
      context.send(OUT, new Ack(context.self().id()));
    }
  }

  /** The counter after a migration: its count is a Long. */
  static final class CounterFnV2 implements StatefulFunction {
    @Persisted final PersistedValue<Long> count = PersistedValue.of("count", Long.class);

    @Persisted
    final PersistedTable<String, Integer> words =
        PersistedTable.of("words", String.class, Integer.class);

    @Persisted
    final PersistedAppendingBuffer<String> history =
        PersistedAppendingBuffer.of("history", String.class);

    @Persisted
    final PersistedValue<String> recent =
        PersistedValue.of("recent", String.class, Expiration.expireAfterWriting(LONG_TTL));

    @Persisted
    final PersistedValue<String> fleeting =
        PersistedValue.of("fleeting", String.class, Expiration.expireAfterWriting(SHORT_TTL));

    @Persisted final PersistedValue<Long> sent = PersistedValue.of("sent", Long.class);

    @Override
    public void invoke(Context context, Object input) {
      Command command = (Command) input;
      if (command.word() == null) {
        Map<String, Integer> table = new LinkedHashMap<>();
        words.entries().forEach(e -> table.put(e.getKey(), e.getValue()));
        List<String> list = new ArrayList<>();
        history.view().forEach(list::add);
        Long n = count.get();
        context.send(
            OUT,
            new CounterReport(
                command.id(),
                n == null ? null : Math.toIntExact(n),
                table,
                list,
                recent.get(),
                fleeting.get(),
                System.currentTimeMillis()));
      }
    }
  }

  /** Sends itself a message {@code word} milliseconds later. */
  static final class SchedulerFn implements StatefulFunction {
    @Override
    public void invoke(Context context, Object input) {
      if (input instanceof Command) {
        Command command = (Command) input;
        context.sendAfter(
            Duration.ofMillis(Long.parseLong(command.word())),
            context.self(),
            "due",
            "token-" + command.id());
        context.send(OUT, new Delayed(command.id(), false));
      } else {
        context.send(OUT, new Delayed(context.self().id(), true));
      }
    }
  }

  /** Plays ping-pong with its partner forever: the loop always has a message in flight. */
  static final class PongerFn implements StatefulFunction {
    @Override
    public void invoke(Context context, Object input) {
      long hop = input instanceof Ping ? ((Ping) input).hop() : 0;
      if (hop == 0) {
        context.send(OUT, new Looping(context.self().id()));
      }
      String partner = context.self().id().equals("l-0") ? "l-1" : "l-0";
      context.send(PONGER, partner, new Ping(hop + 1));
    }
  }

  static final class Module implements StatefulFunctionModule, Serializable {
    private static final long serialVersionUID = 1L;
    private final boolean migrated;

    Module() {
      this(false);
    }

    /** With {@code migrated}, the counter is {@link CounterFnV2}. */
    Module(boolean migrated) {
      this.migrated = migrated;
    }

    @Override
    public void configure(Map<String, String> globalConfiguration, Binder binder) {
      binder.bindIngressRouter(
          COMMANDS,
          (command, downstream) -> downstream.forward(typeOf(command.id()), command.id(), command));
      binder.bindFunctionProvider(
          COUNTER, migrated ? type -> new CounterFnV2() : type -> new CounterFn());
      binder.bindFunctionProvider(SCHEDULER, type -> new SchedulerFn());
      binder.bindFunctionProvider(PONGER, type -> new PongerFn());
      binder.bindFunctionProvider(PEER, type -> new PeerFn());
    }
  }
}
