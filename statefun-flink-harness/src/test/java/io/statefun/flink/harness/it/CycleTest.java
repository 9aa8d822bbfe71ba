package io.statefun.flink.harness.it;

import static io.statefun.flink.harness.it.ItSupport.awaitRecords;
import static io.statefun.flink.harness.it.ItSupport.subtaskOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.flink.harness.HarnessJob;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cycles: A → B → A → … for {@value #ROUND_TRIPS} round trips in each of {@value #LOOPS} loops at
 * once, half of them between two subtasks (through the feedback channel), half within one subtask
 * (through the local queue). Both sides count their hops in state; the last record of each loop
 * must carry exactly the expected counts.
 */
class CycleTest {
  static final String NS = "it-cycle";
  static final IngressIdentifier<Integer> STARTS =
      new IngressIdentifier<>(Integer.class, NS, "starts");
  static final EgressIdentifier<LoopDone> DONE = new EgressIdentifier<>(NS, "done", LoopDone.class);
  static final FunctionType PING = new FunctionType(NS, "ping");
  static final FunctionType PONG = new FunctionType(NS, "pong");

  static final int LOOPS = 20;
  static final int ROUND_TRIPS = 200;

  /**
   * The travelling message: how many hops it made, and the pong side's hop count and the subtask it
   * runs on.
   */
  record Ball(int loop, String pongId, int hops, int pongCount, int pongSubtask) {}

  record LoopDone(int loop, int pingCount, int pongCount, int ballHops, boolean crossSubtask) {}

  static String pingId(int loop) {
    return "loop-" + loop;
  }

  /** Even loops stay on the ping's subtask, odd loops cross to the other one. */
  static String pongId(int loop) {
    int pingSubtask = subtaskOf(new Address(PING, pingId(loop)));
    return loop % 2 == 0
        ? ItSupport.idWhere(PONG, "pong-" + loop, s -> s == pingSubtask)
        : ItSupport.idWhere(PONG, "pong-" + loop, s -> s != pingSubtask);
  }

  static final class PingFn implements StatefulFunction {
    @Persisted
    private final PersistedValue<Integer> hops = PersistedValue.of("hops", Integer.class);

    @Override
    public void invoke(Context context, Object input) {
      if (input instanceof Integer loop) {
        context.send(PONG, pongId(loop), new Ball(loop, pongId(loop), 1, 0, -1));
        return;
      }
      Ball ball = (Ball) input;
      int count = hops.updateAndGet(h -> h == null ? 1 : h + 1);
      if (count < ROUND_TRIPS) {
        context.send(
            context.caller(), new Ball(ball.loop(), ball.pongId(), ball.hops() + 1, 0, -1));
      } else {
        // Where the two really ran, from the task threads, not from the test's placement.
        boolean crossSubtask = ball.pongSubtask() != ItSupport.currentSubtask();
        context.send(
            DONE, new LoopDone(ball.loop(), count, ball.pongCount(), ball.hops(), crossSubtask));
      }
    }
  }

  static final class PongFn implements StatefulFunction {
    @Persisted
    private final PersistedValue<Integer> hops = PersistedValue.of("hops", Integer.class);

    @Override
    public void invoke(Context context, Object input) {
      Ball ball = (Ball) input;
      int count = hops.updateAndGet(h -> h == null ? 1 : h + 1);
      context.reply(
          new Ball(ball.loop(), ball.pongId(), ball.hops() + 1, count, ItSupport.currentSubtask()));
    }
  }

  static final class Module implements StatefulFunctionModule, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public void configure(Map<String, String> globalConfiguration, Binder binder) {
      binder.bindIngressRouter(
          STARTS, (loop, downstream) -> downstream.forward(PING, pingId(loop), loop));
      binder.bindFunctionProvider(PING, type -> new PingFn());
      binder.bindFunctionProvider(PONG, type -> new PongFn());
    }
  }

  private String sink;

  @BeforeEach
  void openSink() {
    ItSupport.clearSinks();
    sink = ItSupport.openSink("done");
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void everyLoopEndsWithExactlyTheExpectedHopCounts(String backend) throws Exception {
    List<LoopDone> expected = new ArrayList<>();
    for (int loop = 0; loop < LOOPS; loop++) {
      expected.add(new LoopDone(loop, ROUND_TRIPS, ROUND_TRIPS, 2 * ROUND_TRIPS, loop % 2 == 1));
    }

    List<LoopDone> done;
    try (HarnessJob job =
        ItSupport.harness(backend)
            .withModule(new Module())
            .withGeneratedIngress(STARTS, LOOPS, index -> (int) index)
            .withConsumingEgress(DONE, ItSupport.into(sink))
            .startAsync()) {
      done = awaitRecords(job, sink, LOOPS);
      job.cancel();
    }
    assertThat(done).containsExactlyInAnyOrderElementsOf(expected);
  }

  /**
   * With a flush interval far beyond the test's time-out, messages between subtasks that functions
   * send while handling messages from the other subtask must still leave at once: the function
   * operator flushes its output after every feedback mail. Only the first hop of a loop, sent on
   * ingress input, waits, for the checkpoint barrier that flushes it. A loop makes {@value
   * #ROUND_TRIPS} round trips, so without the flush after each mail it would take hundreds of
   * checkpoint intervals.
   */
  @Test
  void loopsAcrossSubtasksDoNotWaitForTheOutputFlushInterval() throws Exception {
    List<LoopDone> expected = new ArrayList<>();
    for (int loop = 0; loop < LOOPS; loop++) {
      expected.add(new LoopDone(loop, ROUND_TRIPS, ROUND_TRIPS, 2 * ROUND_TRIPS, loop % 2 == 1));
    }

    List<LoopDone> done;
    try (HarnessJob job =
        ItSupport.harness("hashmap")
            .withConfiguration("statefun.feedback.buffer-timeout", "1 h")
            .withCheckpointInterval(Duration.ofSeconds(1))
            .withModule(new Module())
            .withGeneratedIngress(STARTS, LOOPS, index -> (int) index)
            .withConsumingEgress(DONE, ItSupport.into(sink))
            .startAsync()) {
      done = awaitRecords(job, sink, LOOPS);
      job.cancel();
    }
    assertThat(done).containsExactlyInAnyOrderElementsOf(expected);
  }
}
