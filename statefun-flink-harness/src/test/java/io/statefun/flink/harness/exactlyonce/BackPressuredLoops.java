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
import java.util.Map;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;

/**
 * A workload that keeps checkpoints in the window unaligned barriers open up, at parallelism 2:
 * tokens bounce between partner addresses on the two subtasks (so both feedback tails always have
 * records in flight from both function subtasks), while a stream of slow work records for subtask 0
 * back-pressures the ingress (so its barriers overtake buffered records) and keeps subtask 0 busy
 * in long invocations while subtask 1 answers its barriers at once.
 *
 * <p>Each loop ends with one {@link Done} record after {@code hops} hops: a token lost makes one
 * missing, a hop applied twice makes a second token and so a second one.
 */
final class BackPressuredLoops {
  static final int PARALLELISM = 2;
  private static final int MAX_PARALLELISM = 128;

  static final FunctionType PINGER = new FunctionType("bp", "pinger");
  static final FunctionType WORKER = new FunctionType("bp", "worker");
  static final IngressIdentifier<Long> LOOPS = new IngressIdentifier<>(Long.class, "bp", "loops");
  static final IngressIdentifier<Work> WORK = new IngressIdentifier<>(Work.class, "bp", "work");
  static final EgressIdentifier<Done> DONE = new EgressIdentifier<>("bp", "done", Done.class);

  /** Global configuration keys of the module. */
  static final String HOPS = "hops";

  static final String WORK_MILLIS = "work-millis";

  /** The loop that never ends (it reports nothing). */
  static final long ENDLESS = -1;

  /** Worker ids that all live on subtask 0. */
  private static final String[] WORKERS = workersOnSubtaskZero(16);

  private BackPressuredLoops() {}

  record Token(long loop, int hop) implements Serializable {}

  record Done(long loop) implements Serializable {}

  /**
   * A work record. Its padding makes a network buffer hold few of them, so the records an unaligned
   * checkpoint keeps in flight, which a restore has to work off before the next checkpoint can
   * complete (Flink 2.2 takes no checkpoint while it recovers in-flight data), take seconds, not
   * minutes.
   */
  record Work(long index, String padding) implements Serializable {}

  private static final String PADDING = "w".repeat(1024);

  static Work work(long index) {
    return new Work(index, PADDING);
  }

  /** The two ends of loop {@code loop}: one on each subtask. */
  static String end(long loop, boolean first) {
    String a = "loop-" + loop + "-a";
    if (first) {
      return a;
    }
    int aSubtask = subtask(new Address(PINGER, a));
    for (int suffix = 0; ; suffix++) {
      String b = "loop-" + loop + "-b" + suffix;
      if (subtask(new Address(PINGER, b)) != aSubtask) {
        return b;
      }
    }
  }

  private static int subtask(Address address) {
    return KeyGroupRangeAssignment.assignKeyToParallelOperator(
        address, MAX_PARALLELISM, PARALLELISM);
  }

  private static String[] workersOnSubtaskZero(int count) {
    String[] ids = new String[count];
    int found = 0;
    for (int i = 0; found < count; i++) {
      if (subtask(new Address(WORKER, "worker-" + i)) == 0) {
        ids[found++] = "worker-" + i;
      }
    }
    return ids;
  }

  /** Passes the token to the loop's other end; the last hop reports the loop done. */
  static final class PingerFn implements StatefulFunction {
    @Persisted private final PersistedValue<Long> hops = PersistedValue.of("hops", Long.class);
    private final int loopHops;

    PingerFn(int loopHops) {
      this.loopHops = loopHops;
    }

    @Override
    public void invoke(Context context, Object input) {
      Token token = (Token) input;
      hops.set(hops.getOrDefault(0L) + 1);
      if (token.loop() >= 0 && token.hop() + 1 >= loopHops) {
        context.send(DONE, new Done(token.loop()));
        return;
      }
      boolean atFirst = context.self().id().equals(end(token.loop(), true));
      context.send(PINGER, end(token.loop(), !atFirst), new Token(token.loop(), token.hop() + 1));
    }
  }

  /** Works {@code millis} per record: the slow consumer that back-pressures the ingress. */
  static final class WorkerFn implements StatefulFunction {
    @Persisted private final PersistedValue<Long> done = PersistedValue.of("done", Long.class);
    private final long millis;

    WorkerFn(long millis) {
      this.millis = millis;
    }

    @Override
    public void invoke(Context context, Object input) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while working", e);
      }
      done.set(done.getOrDefault(0L) + 1);
    }
  }

  /** Binds both functions, the routers of both ingresses and the done egress. */
  static final class Module implements StatefulFunctionModule, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public void configure(Map<String, String> globalConfiguration, Binder binder) {
      int hops = Integer.parseInt(globalConfiguration.getOrDefault(HOPS, "200"));
      long millis = Long.parseLong(globalConfiguration.getOrDefault(WORK_MILLIS, "5"));
      binder.bindFunctionProvider(PINGER, type -> new PingerFn(hops));
      binder.bindFunctionProvider(WORKER, type -> new WorkerFn(millis));
      binder.bindIngressRouter(
          LOOPS,
          (loop, downstream) -> {
            downstream.forward(PINGER, end(loop, true), new Token(loop, 0));
            if (loop == 0) {
              // One loop that never ends: every checkpoint cuts through the loop.
              downstream.forward(PINGER, end(ENDLESS, true), new Token(ENDLESS, 0));
            }
          });
      binder.bindIngressRouter(
          WORK,
          (work, downstream) ->
              downstream.forward(WORKER, WORKERS[(int) (work.index() % WORKERS.length)], work));
    }
  }
}
