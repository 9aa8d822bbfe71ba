package io.statefun.flink.core.functions;

import io.statefun.sdk.Address;
import io.statefun.sdk.AsyncOperationResult;
import io.statefun.sdk.Context;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.StatefulFunction;
import io.statefun.sdk.annotations.Persisted;
import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.spi.StatefulFunctionModule;
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

    @Override
    public void invoke(Context context, Object input) {
      if (input instanceof Cmd cmd) {
        run(context, cmd);
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

  static final class Module implements StatefulFunctionModule, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public void configure(Map<String, String> globalConfiguration, Binder binder) {
      binder.bindFunctionProvider(FN, type -> new CommandFn());
    }
  }
}
