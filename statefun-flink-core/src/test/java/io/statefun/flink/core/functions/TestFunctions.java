package io.statefun.flink.core.functions;

import io.statefun.sdk.Address;
import io.statefun.sdk.AsyncOperationResult;
import io.statefun.sdk.Context;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.StatefulFunction;
import io.statefun.sdk.annotations.Persisted;
import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.spi.StatefulFunctionModule;
import io.statefun.sdk.state.PersistedAppendingBuffer;
import io.statefun.sdk.state.PersistedTable;
import io.statefun.sdk.state.PersistedValue;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

/**
 * One function type driven by the commands it receives, and what it did, for the operator tests.
 * Tests in one class run one after another; {@link #reset()} before each.
 */
final class TestFunctions {
  static final FunctionType FN = new FunctionType("operator-test", "fn");

  /** A second type with the same function, for what is counted per type. */
  static final FunctionType OTHER = new FunctionType("operator-test", "other");

  static final FunctionType BAD_STATE_NAME = new FunctionType("operator-test", "bad-state-name");
  static final EgressIdentifier<String> EGRESS =
      new EgressIdentifier<>("operator-test", "out", String.class);
  static final EgressIdentifier<String> UNBOUND_EGRESS =
      new EgressIdentifier<>("operator-test", "unbound", String.class);

  /** Every invocation, in order. */
  static final Queue<Invocation> INVOCATIONS = new ConcurrentLinkedQueue<>();

  /** The futures that "async" commands register, by metadata. */
  static final Map<String, CompletableFuture<String>> FUTURES = new ConcurrentHashMap<>();

  private TestFunctions() {}

  static void reset() {
    INVOCATIONS.clear();
    FUTURES.clear();
  }

  /** What the function does with one input. */
  record Cmd(String op, String arg, long n) implements Serializable {
    /** Counts, adds 1 to table entry {@code key} and appends {@code key} to the buffer. */
    static Cmd writeAll(String key) {
      return new Cmd("write-all", key, 0);
    }

    static Cmd clearAll() {
      return new Cmd("clear-all", "", 0);
    }

    /** Emits "count {table} [buffer]" to the egress. */
    static Cmd report() {
      return new Cmd("report", "", 0);
    }

    static Cmd count() {
      return new Cmd("count", "", 0);
    }

    /** Sends {@code n} count commands to {@code id}. */
    static Cmd send(String id, long n) {
      return new Cmd("send", id, n);
    }

    static Cmd egress(String record) {
      return new Cmd("egress", record, 0);
    }

    static Cmd toUnboundEgress() {
      return new Cmd("unbound-egress", "", 0);
    }

    /** Sends a count command to {@code id} after {@code millis}, under the token {@code id}. */
    static Cmd after(String id, long millis) {
      return new Cmd("after", id, millis);
    }

    static Cmd cancel(String token) {
      return new Cmd("cancel", token, 0);
    }

    /** Throws from the function. */
    static Cmd fail() {
      return new Cmd("fail", "", 0);
    }

    /** Registers the future {@code FUTURES.get(metadata)}, created on demand. */
    static Cmd async(String metadata) {
      return new Cmd("async", metadata, 0);
    }
  }

  /** A payload no serializer can write. */
  static final class HoldsAThread {
    @SuppressWarnings("unused")
    private final Thread thread = new Thread(() -> {});

    @Override
    public String toString() {
      return "HoldsAThread";
    }
  }

  /** Runs {@code effect}, then throws: the poison message of the failure tests. */
  record FailAfter(Cmd effect) implements Serializable {}

  /** One invocation: where, from whom, with what, and the count state afterwards. */
  record Invocation(String self, String caller, Object input, int count) {
    String describe() {
      String what =
          input instanceof AsyncOperationResult<?, ?> r
              ? r.status() + ":" + r.metadata() + ":" + (r.successful() ? r.value() : r.throwable())
              : ((Cmd) input).op();
      return self + "<-" + (caller == null ? "ingress" : caller) + ":" + what;
    }
  }

  static List<String> described() {
    return INVOCATIONS.stream().map(Invocation::describe).collect(Collectors.toList());
  }

  static Address address(String id) {
    return new Address(FN, id);
  }

  static final class CommandFn implements StatefulFunction {
    @Persisted
    private final PersistedValue<Integer> count = PersistedValue.of("count", Integer.class);

    @Persisted
    private final PersistedTable<String, Integer> table =
        PersistedTable.of("table", String.class, Integer.class);

    @Persisted
    private final PersistedAppendingBuffer<String> buffer =
        PersistedAppendingBuffer.of("buffer", String.class);

    private String tableText() {
      java.util.TreeMap<String, Integer> sorted = new java.util.TreeMap<>();
      table.entries().forEach(e -> sorted.put(e.getKey(), e.getValue()));
      return sorted.toString();
    }

    @Override
    public void invoke(Context context, Object input) {
      if (input instanceof Cmd cmd) {
        run(context, cmd);
      } else if (input instanceof FailAfter poison) {
        run(context, poison.effect());
        throw new IllegalStateException("poison after " + poison.effect().op());
      }
      INVOCATIONS.add(
          new Invocation(
              context.self().id(),
              context.caller() == null ? null : context.caller().id(),
              input,
              count.getOrDefault(0)));
    }

    private void run(Context context, Cmd cmd) {
      switch (cmd.op()) {
        case "count" -> count.set(count.getOrDefault(0) + 1);
        case "after-unserializable" ->
            context.sendAfter(Duration.ofMillis(10), address(cmd.arg()), new HoldsAThread());
        case "send-unserializable" -> context.send(address(cmd.arg()), new HoldsAThread());
        case "write-all" -> {
          count.set(count.getOrDefault(0) + 1);
          Integer entry = table.get(cmd.arg());
          table.set(cmd.arg(), entry == null ? 1 : entry + 1);
          buffer.append(cmd.arg());
        }
        case "clear-all" -> {
          count.clear();
          table.clear();
          buffer.clear();
        }
        case "report" ->
            context.send(EGRESS, count.getOrDefault(0) + " " + tableText() + " " + buffer.view());
        case "send" -> {
          for (long i = 0; i < cmd.n(); i++) {
            context.send(address(cmd.arg()), Cmd.count());
          }
        }
        case "egress" -> context.send(EGRESS, cmd.arg());
        case "unbound-egress" -> context.send(UNBOUND_EGRESS, "lost");
        case "after" ->
            context.sendAfter(
                Duration.ofMillis(cmd.n()), address(cmd.arg()), Cmd.count(), cmd.arg());
        case "cancel" -> context.cancelDelayedMessage(cmd.arg());
        case "async" ->
            context.registerAsyncOperation(
                cmd.arg(), FUTURES.computeIfAbsent(cmd.arg(), k -> new CompletableFuture<>()));
        case "fail" -> throw new IllegalStateException("test function failed on purpose");
        default -> throw new IllegalArgumentException("unknown command " + cmd);
      }
    }
  }

  /** Declares a state whose name Flink paths cannot hold. */
  static final class BadStateNameFn implements StatefulFunction {
    @Persisted
    private final PersistedValue<Integer> seen = PersistedValue.of("seen.count", Integer.class);

    @Override
    public void invoke(Context context, Object input) {}
  }

  static final class Module implements StatefulFunctionModule, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public void configure(Map<String, String> globalConfiguration, Binder binder) {
      binder.bindFunctionProvider(FN, type -> new CommandFn());
      binder.bindFunctionProvider(OTHER, type -> new CommandFn());
      binder.bindFunctionProvider(BAD_STATE_NAME, type -> new BadStateNameFn());
    }
  }
}
