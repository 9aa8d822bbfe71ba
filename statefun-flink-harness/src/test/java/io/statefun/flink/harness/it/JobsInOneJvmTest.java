package io.statefun.flink.harness.it;

import static io.statefun.flink.harness.it.ItSupport.awaitRecords;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.flink.core.feedback.FeedbackChannelBroker;
import io.statefun.flink.harness.Harness;
import io.statefun.flink.harness.HarnessJob;
import io.statefun.sdk.Address;
import io.statefun.sdk.Context;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.StatefulFunction;
import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.io.IngressIdentifier;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session cluster runs many jobs in one JVM: nothing a job registers JVM-wide may outlive it.
 * Jobs that end every way (cancelled, failed after a restart, stopped with a savepoint, restored)
 * run one after another, each with messages crossing subtasks through the feedback channels; once
 * each has ended, the feedback channel broker holds no channel.
 */
class JobsInOneJvmTest {
  static final String NS = "it-jvm";
  static final IngressIdentifier<Integer> STARTS =
      new IngressIdentifier<>(Integer.class, NS, "starts");
  static final EgressIdentifier<String> DONE = new EgressIdentifier<>(NS, "done", String.class);
  static final FunctionType BOUNCER = new FunctionType(NS, "bouncer");

  static final int STARTS_COUNT = 4;
  static final int HOPS = 20;

  /** A message that hops between two addresses, usually on different subtasks. */
  record Hop(int loop, int left, boolean fail) {}

  static final class BouncerFn implements StatefulFunction {
    @Override
    public void invoke(Context context, Object input) {
      Hop hop = (Hop) input;
      if (hop.fail()) {
        throw new IllegalStateException("failing on purpose in loop " + hop.loop());
      }
      if (hop.left() == 0) {
        context.send(DONE, "loop-" + hop.loop());
        return;
      }
      String next = context.self().id().startsWith("a-") ? "b-" + hop.loop() : "a-" + hop.loop();
      context.send(new Address(BOUNCER, next), new Hop(hop.loop(), hop.left() - 1, false));
    }
  }

  static final class Module implements StatefulFunctionModule, Serializable {
    private static final long serialVersionUID = 1L;
    private final boolean fail;

    Module(boolean fail) {
      this.fail = fail;
    }

    @Override
    public void configure(Map<String, String> globalConfiguration, Binder binder) {
      boolean failing = fail;
      binder.bindIngressRouter(
          STARTS,
          (loop, downstream) ->
              downstream.forward(
                  new Address(BOUNCER, "a-" + loop), new Hop(loop, HOPS, failing && loop == 0)));
      binder.bindFunctionProvider(BOUNCER, type -> new BouncerFn());
    }
  }

  @TempDir Path savepoints;
  private String sink;

  @BeforeEach
  void openSink() {
    ItSupport.clearSinks();
    sink = ItSupport.openSink("done");
  }

  private Harness harness(boolean fail) {
    return ItSupport.harness("hashmap")
        .withModule(new Module(fail))
        .withGeneratedIngress(STARTS, STARTS_COUNT, index -> (int) index)
        .withConsumingEgress(DONE, ItSupport.into(sink));
  }

  private static int channels() {
    return FeedbackChannelBroker.get().size();
  }

  @Test
  void noFeedbackChannelOutlivesItsJob() throws Exception {
    assertThat(channels()).as("channels before the first job").isZero();

    try (HarnessJob job = harness(false).startAsync()) {
      awaitRecords(job, sink, STARTS_COUNT);
      assertThat(channels())
          .as("a running job has one channel per subtask")
          .isEqualTo(ItSupport.PARALLELISM);
      job.cancel();
    }
    assertThat(channels()).as("after a cancelled job").isZero();

    HarnessJob failing =
        harness(true)
            .withConfiguration("restart-strategy.type", "fixed-delay")
            .withConfiguration("restart-strategy.fixed-delay.attempts", "1")
            .withConfiguration("restart-strategy.fixed-delay.delay", "10 ms")
            .startAsync();
    assertThatThrownBy(failing::awaitTermination).hasStackTraceContaining("failing on purpose");
    assertThat(channels()).as("after a job that failed twice").isZero();

    String savepoint;
    // With periodic checkpoints, so that Flink aligns the savepoint's barriers (exactly-once mode).
    try (HarnessJob job =
        harness(false).withCheckpointInterval(Duration.ofSeconds(1)).startAsync()) {
      awaitRecords(job, sink, 2 * STARTS_COUNT);
      savepoint = job.stopWithSavepoint(savepoints.toUri().toString());
    }
    assertThat(channels()).as("after a job stopped with a savepoint").isZero();

    try (HarnessJob job = harness(false).withSavepoint(savepoint).startAsync()) {
      Thread.sleep(500);
      assertThat(job.status().isGloballyTerminalState()).isFalse();
      job.cancel();
    }
    assertThat(channels()).as("after a restored job").isZero();
  }
}
