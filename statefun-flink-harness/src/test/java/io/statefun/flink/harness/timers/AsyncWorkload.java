package io.statefun.flink.harness.timers;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoSerializable;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.statefun.flink.harness.testing.TestDelays;
import io.statefun.sdk.Address;
import io.statefun.sdk.AsyncOperationResult;
import io.statefun.sdk.Context;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.StatefulFunction;
import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.io.IngressIdentifier;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Functions that register async operations. An ingress record {@link Start} picks a scenario and
 * goes to the address {@code scenario-n}; every result the functions receive is reported to {@link
 * #EVENTS}.
 */
final class AsyncWorkload {
  static final FunctionType ASYNC = new FunctionType("timers", "async");
  static final FunctionType PINGER = new FunctionType("timers", "async-pinger");

  static final IngressIdentifier<Start> STARTS =
      new IngressIdentifier<>(Start.class, "timers", "async-starts");
  static final IngressIdentifier<byte[]> RAW_STARTS =
      new IngressIdentifier<>(byte[].class, "timers", "async-raw-starts");
  static final IngressIdentifier<Ping> PINGS =
      new IngressIdentifier<>(Ping.class, "timers", "async-pings");
  static final EgressIdentifier<Event> EVENTS =
      new EgressIdentifier<>("timers", "async-events", Event.class);

  /** Thrown by the failing supplier; the FAILURE result must carry this very instance. */
  static final IllegalStateException BOOM = new IllegalStateException("boom");

  /** Completes a future exceptionally without a CompletionException around it. */
  static final UnsupportedOperationException DIRECT = new UnsupportedOperationException("direct");

  /** The thread each operation was registered on, by label. */
  static final Map<String, String> REGISTERED_ON = new ConcurrentHashMap<>();

  /** Scenario "throttle": operations in flight, and the most ever seen, per task thread. */
  static final Map<String, AtomicInteger> IN_FLIGHT = new ConcurrentHashMap<>();

  static final Map<String, AtomicInteger> MAX_IN_FLIGHT = new ConcurrentHashMap<>();

  /** Two pinger ids on different subtasks at parallelism 2. */
  static final String[] PINGER_IDS = pingerIds();

  private AsyncWorkload() {}

  static void reset() {
    REGISTERED_ON.clear();
    IN_FLIGHT.clear();
    MAX_IN_FLIGHT.clear();
  }

  /** Starts {@code scenario} at address {@code scenario-n}. */
  record Start(String scenario, int n) implements Serializable {}

  /** Metadata of scenario "outcomes". */
  record Meta(String label, int n) implements Serializable {}

  /** The ping-pong token of the replay scenario. */
  record Ping(long hop) implements Serializable {}

  /**
   * Everything the test observes.
   *
   * @param kind {@code result}, {@code registered}, {@code rejected}
   * @param self the reporting address's id
   * @param status the result's status, if a result
   * @param label the operation's label (from its metadata)
   * @param value the result's value, as a string
   * @param throwable the result's throwable: class and message
   * @param original whether the throwable is the very instance the operation failed with
   * @param callerIsNull whether {@code context.caller()} was null
   * @param sameThread whether the result was delivered on the thread that registered
   */
  record Event(
      String kind,
      String self,
      String status,
      String label,
      String value,
      String throwable,
      boolean original,
      boolean callerIsNull,
      boolean sameThread)
      implements Serializable {}

  static Event event(Context context, String kind, String label, String detail) {
    return new Event(
        kind,
        context.self().id(),
        null,
        label,
        detail,
        null,
        false,
        context.caller() == null,
        true);
  }

  static Executor later(long millis) {
    return TestDelays.after(millis);
  }

  /** Kryo refuses to write this: {@link KryoSerializable} hooks into Kryo's default serializers. */
  static final class Poison implements KryoSerializable {
    @Override
    public void write(Kryo kryo, Output output) {
      throw new UnsupportedOperationException("Poison cannot be written");
    }

    @Override
    public void read(Kryo kryo, Input input) {
      throw new UnsupportedOperationException("Poison cannot be read");
    }
  }

  /** Runs the scenarios. */
  static final class AsyncFn implements StatefulFunction {
    @Override
    public void invoke(Context context, Object input) {
      if (input instanceof AsyncOperationResult) {
        result(context, (AsyncOperationResult<?, ?>) input);
      } else if (input instanceof byte[]) {
        rawMetadata(context);
      } else {
        start(context, (Start) input);
      }
    }

    private static void start(Context context, Start start) {
      int n = start.n();
      switch (start.scenario()) {
        case "outcomes":
          register(
              context,
              new Meta("ok", n),
              CompletableFuture.supplyAsync(() -> "value-" + n, later(200)));
          register(
              context,
              new Meta("boom", n),
              CompletableFuture.supplyAsync(
                  () -> {
                    throw BOOM;
                  },
                  later(200)));
          CompletableFuture<String> direct = new CompletableFuture<>();
          later(150).execute(() -> direct.completeExceptionally(DIRECT));
          register(context, new Meta("direct", n), direct);
          register(context, new Meta("done", n), CompletableFuture.completedFuture("now-" + n));
          break;
        case "unknown":
          // Operations that never complete: only a restore can report them (as UNKNOWN).
          for (int i = 1; i <= 2; i++) {
            String metadata = "op-" + (2 * n + i);
            context.registerAsyncOperation(metadata, new CompletableFuture<String>());
            context.send(EVENTS, event(context, "registered", metadata, null));
          }
          break;
        case "probe":
          context.send(EVENTS, event(context, "probe", "probe-" + n, null));
          break;
        case "throttle":
          String thread = Thread.currentThread().getName();
          int now = IN_FLIGHT.computeIfAbsent(thread, t -> new AtomicInteger()).incrementAndGet();
          MAX_IN_FLIGHT
              .computeIfAbsent(thread, t -> new AtomicInteger())
              .accumulateAndGet(now, Math::max);
          context.registerAsyncOperation(
              "work-" + n, CompletableFuture.supplyAsync(() -> n, later(100)));
          break;
        case "kryo-metadata":
          try {
            context.registerAsyncOperation(new Poison(), CompletableFuture.completedFuture("x"));
            context.send(EVENTS, event(context, "accepted", "poison", null));
          } catch (IllegalArgumentException e) {
            context.send(EVENTS, event(context, "rejected", "poison", e.getMessage()));
          }
          try {
            context.registerAsyncOperation("fine", CompletableFuture.completedFuture("y"));
          } catch (IllegalArgumentException e) {
            context.send(EVENTS, event(context, "rejected", "fine", e.getMessage()));
          }
          break;
        case "fanout":
          // Work for other addresses, arriving as local or feedback messages, not as input.
          for (int i = 0; i < 20; i++) {
            context.send(ASYNC, "throttle-" + i, new Start("throttle", i));
          }
          break;
        default:
          throw new IllegalArgumentException("unknown scenario " + start.scenario());
      }
    }

    /** Scenario 8 under the raw serializer: only byte[] metadata can be stored. */
    private static void rawMetadata(Context context) {
      try {
        context.registerAsyncOperation("string-metadata", CompletableFuture.completedFuture("x"));
        context.send(EVENTS, event(context, "accepted", "string-metadata", null));
      } catch (IllegalArgumentException e) {
        context.send(EVENTS, event(context, "rejected", "string-metadata", e.getMessage()));
      }
      context.registerAsyncOperation(
          "fine".getBytes(StandardCharsets.UTF_8), CompletableFuture.completedFuture("y"));
    }

    private static void register(Context context, Meta meta, CompletableFuture<?> future) {
      REGISTERED_ON.put(context.self().id() + "/" + meta.label(), Thread.currentThread().getName());
      context.registerAsyncOperation(meta, future);
    }

    private static void result(Context context, AsyncOperationResult<?, ?> result) {
      Object metadata = result.metadata();
      String label;
      boolean sameThread = true;
      if (metadata instanceof Meta) {
        label = ((Meta) metadata).label() + "-" + ((Meta) metadata).n();
        String registeredOn =
            REGISTERED_ON.get(context.self().id() + "/" + ((Meta) metadata).label());
        sameThread = Thread.currentThread().getName().equals(registeredOn);
      } else if (metadata instanceof byte[]) {
        label = new String((byte[]) metadata, StandardCharsets.UTF_8);
      } else {
        label = String.valueOf(metadata);
      }
      if (label.startsWith("work-")) {
        IN_FLIGHT.get(Thread.currentThread().getName()).decrementAndGet();
      }
      Throwable t = result.throwable();
      context.send(
          EVENTS,
          new Event(
              "result",
              context.self().id(),
              result.status().name(),
              label,
              result.value() == null ? null : String.valueOf(result.value()),
              t == null ? null : t.getClass().getName() + ": " + t.getMessage(),
              t != null && (t == BOOM || t == DIRECT),
              context.caller() == null,
              sameThread));
    }
  }

  /**
   * Passes a ping back and forth between two addresses on different subtasks, forever; every hop
   * registers an operation that completes 50 ms later. At every checkpoint one ping is in flight
   * through the feedback loop, so a restore replays it.
   */
  static final class PingerFn implements StatefulFunction {
    @Override
    public void invoke(Context context, Object input) {
      if (input instanceof AsyncOperationResult) {
        AsyncOperationResult<?, ?> result = (AsyncOperationResult<?, ?>) input;
        context.send(
            EVENTS,
            new Event(
                "result",
                context.self().id(),
                result.status().name(),
                String.valueOf(result.metadata()),
                null,
                null,
                false,
                context.caller() == null,
                true));
        return;
      }
      long hop = ((Ping) input).hop();
      context.registerAsyncOperation(
          "hop-" + hop, CompletableFuture.supplyAsync(() -> hop, later(50)));
      String partner = context.self().id().equals(PINGER_IDS[0]) ? PINGER_IDS[1] : PINGER_IDS[0];
      context.send(PINGER, partner, new Ping(hop + 1));
    }
  }

  private static String[] pingerIds() {
    for (int a = 0; a < 100; a++) {
      for (int b = a + 1; b < 100; b++) {
        Address first = new Address(PINGER, "pinger-" + a);
        Address second = new Address(PINGER, "pinger-" + b);
        if (subtask(first, 2) != subtask(second, 2)) {
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

  /**
   * Binds the functions and the router of one ingress (a router without its ingress is an error).
   */
  static final class Module implements StatefulFunctionModule, Serializable {
    private static final long serialVersionUID = 1L;

    private final IngressIdentifier<?> ingress;

    private Module(IngressIdentifier<?> ingress) {
      this.ingress = ingress;
    }

    /** {@link #STARTS} to {@code scenario-n}; a {@code probe} start goes to {@code unknown-n}. */
    static Module starts() {
      return new Module(STARTS);
    }

    /** {@link #RAW_STARTS}: the record's bytes are the target id. */
    static Module raw() {
      return new Module(RAW_STARTS);
    }

    /** {@link #PINGS} to the first pinger. */
    static Module pings() {
      return new Module(PINGS);
    }

    @Override
    public void configure(Map<String, String> globalConfiguration, Binder binder) {
      binder.bindFunctionProvider(ASYNC, type -> new AsyncFn());
      binder.bindFunctionProvider(PINGER, type -> new PingerFn());
      if (ingress.equals(STARTS)) {
        binder.bindIngressRouter(
            STARTS,
            (start, downstream) -> {
              String scenario = start.scenario().equals("probe") ? "unknown" : start.scenario();
              downstream.forward(ASYNC, scenario + "-" + start.n(), start);
            });
      } else if (ingress.equals(RAW_STARTS)) {
        binder.bindIngressRouter(
            RAW_STARTS,
            (bytes, downstream) ->
                downstream.forward(ASYNC, new String(bytes, StandardCharsets.UTF_8), bytes));
      } else {
        binder.bindIngressRouter(
            PINGS, (ping, downstream) -> downstream.forward(PINGER, PINGER_IDS[0], ping));
      }
    }
  }
}
