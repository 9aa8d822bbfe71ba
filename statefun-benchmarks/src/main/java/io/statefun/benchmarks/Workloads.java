package io.statefun.benchmarks;

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
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;

/** The statefun workloads of the benchmark; the README lists them. */
final class Workloads {
  static final List<String> NAMES = List.of("W1", "W2", "W3", "W3s", "W4", "raw");

  static final IngressIdentifier<Long> EVENTS =
      new IngressIdentifier<>(Long.class, "bench", "events");
  static final EgressIdentifier<Long> DONE = new EgressIdentifier<>("bench", "done", Long.class);

  static final FunctionType COUNTER = new FunctionType("bench", "counter");
  static final FunctionType CHAIN_A = new FunctionType("bench", "chain-a");
  static final FunctionType CHAIN_B = new FunctionType("bench", "chain-b");
  static final FunctionType CHAIN_C = new FunctionType("bench", "chain-c");
  static final FunctionType PINGER = new FunctionType("bench", "pinger");

  private Workloads() {}

  /** The id of event {@code index} among {@code k} ids: a hash, so ids are spread uniformly. */
  static String idOf(long index, long salt, int k) {
    long h = (index + salt) * 0x9E3779B97F4A7C15L;
    h ^= h >>> 29;
    return Long.toString(Math.floorMod(h, (long) k));
  }

  /** One hop of a ping-pong loop. */
  record Hop(long loop, int remaining, String partner, long sentNanos) implements Serializable {}

  /** W1: count events per id, one egress record per event. */
  static final class CounterFn implements StatefulFunction {
    @Persisted private final PersistedValue<Long> count = PersistedValue.of("count", Long.class);

    @Override
    public void invoke(Context context, Object input) {
      long next = count.getOrDefault(0L) + 1;
      count.set(next);
      context.send(DONE, next);
    }
  }

  /** W2: A → B → C → egress, each with its own state and a different id. */
  static final class ChainFn implements StatefulFunction {
    @Persisted private final PersistedValue<Long> count = PersistedValue.of("count", Long.class);
    private final FunctionType next;
    private final int k;

    ChainFn(FunctionType next, int k) {
      this.next = next;
      this.k = k;
    }

    @Override
    public void invoke(Context context, Object input) {
      long event = (Long) input;
      count.set(count.getOrDefault(0L) + 1);
      if (next == null) {
        context.send(DONE, event);
      } else {
        context.send(next, idOf(event, next.name().hashCode(), k), event);
      }
    }
  }

  /** W3, W3s, W4: a token bounces between two addresses (or one, to itself) {@code hops} times. */
  static final class PingerFn implements StatefulFunction {
    @Persisted private final PersistedValue<Long> hops = PersistedValue.of("hops", Long.class);
    private final boolean measureLatency;
    private long unreportedHops;

    PingerFn(boolean measureLatency) {
      this.measureLatency = measureLatency;
    }

    @Override
    public void invoke(Context context, Object input) {
      Hop hop = (Hop) input;
      long now = measureLatency ? System.nanoTime() : 0;
      if (measureLatency && hop.sentNanos() > 0) {
        Progress.latency((now - hop.sentNanos()) / 1_000);
      }
      hops.set(hops.getOrDefault(0L) + 1);
      if (++unreportedHops == 256 || hop.remaining() == 0) {
        Progress.units(unreportedHops);
        unreportedHops = 0;
      }
      if (hop.remaining() == 0) {
        context.send(DONE, hop.loop());
        return;
      }
      context.send(
          new Address(PINGER, hop.partner()),
          new Hop(hop.loop(), hop.remaining() - 1, context.self().id(), now));
    }
  }

  /** Binds the workload named in the options. */
  static final class Module implements StatefulFunctionModule, Serializable {
    private static final long serialVersionUID = 1L;
    private final String workload;
    private final int k;
    private final int hops;
    private final int parallelism;

    Module(BenchmarkOptions options) {
      this.workload = options.workload();
      this.k = options.k();
      this.hops = options.hops();
      this.parallelism = options.parallelism();
    }

    @Override
    public void configure(Map<String, String> globalConfiguration, Binder binder) {
      switch (workload) {
        case "W1" -> {
          binder.bindFunctionProvider(COUNTER, t -> new CounterFn());
          binder.bindIngressRouter(
              EVENTS, (event, out) -> out.forward(COUNTER, idOf(event, 0, k), event));
        }
        case "W2" -> {
          binder.bindFunctionProvider(CHAIN_A, t -> new ChainFn(CHAIN_B, k));
          binder.bindFunctionProvider(CHAIN_B, t -> new ChainFn(CHAIN_C, k));
          binder.bindFunctionProvider(CHAIN_C, t -> new ChainFn(null, k));
          binder.bindIngressRouter(
              EVENTS, (event, out) -> out.forward(CHAIN_A, idOf(event, 0, k), event));
        }
        case "W3", "W4", "W3s" -> {
          boolean self = workload.equals("W3s");
          boolean latency = workload.equals("W4");
          int totalHops = hops;
          int p = parallelism;
          binder.bindFunctionProvider(PINGER, t -> new PingerFn(latency));
          binder.bindIngressRouter(
              EVENTS,
              (loop, out) -> {
                String first = "loop-" + loop + "-a";
                String partner = self ? first : partnerOf(first, "loop-" + loop + "-b", p);
                out.forward(PINGER, first, new Hop(loop, totalHops - 1, partner, 0));
              });
        }
        default -> throw new IllegalArgumentException("not a statefun workload: " + workload);
      }
    }
  }

  /** An id starting with {@code prefix} that lives on another subtask than {@code first}. */
  static String partnerOf(String first, String prefix, int parallelism) {
    if (parallelism < 2) {
      return prefix;
    }
    int maxParallelism = KeyGroupRangeAssignment.computeDefaultMaxParallelism(parallelism);
    int home = subtask(first, maxParallelism, parallelism);
    for (int i = 0; ; i++) {
      String candidate = prefix + i;
      if (subtask(candidate, maxParallelism, parallelism) != home) {
        return candidate;
      }
    }
  }

  private static int subtask(String id, int maxParallelism, int parallelism) {
    return KeyGroupRangeAssignment.assignKeyToParallelOperator(
        new Address(PINGER, id), maxParallelism, parallelism);
  }
}
