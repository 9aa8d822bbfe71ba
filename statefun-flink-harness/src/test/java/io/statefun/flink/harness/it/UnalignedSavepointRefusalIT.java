package io.statefun.flink.harness.it;

import static io.statefun.flink.harness.it.ItSupport.awaitRecords;
import static io.statefun.flink.harness.it.ItSupport.causeMessages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.JobStatus;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A statefun job without a checkpoint interval runs at-least-once, so Flink would not align its
 * savepoints' barriers: its functions operator's coordinator refuses them. The caller is told why,
 * and the job goes on running, without a restart. With an interval the same job stops with a
 * savepoint.
 */
class UnalignedSavepointRefusalIT {
  static final String NS = "it-refusal";
  static final IngressIdentifier<Integer> STARTS =
      new IngressIdentifier<>(Integer.class, NS, "starts");
  static final EgressIdentifier<String> TICKS = new EgressIdentifier<>(NS, "ticks", String.class);
  static final FunctionType PINGER = new FunctionType(NS, "pinger");

  /** Two addresses that message each other (round the feedback loop) forever, a tick apart. */
  static final class PingerFn implements StatefulFunction {
    @Override
    public void invoke(Context context, Object input) {
      int hop = (Integer) input;
      context.send(TICKS, context.self().id() + "-" + hop);
      String other = context.self().id().equals("a") ? "b" : "a";
      context.sendAfter(Duration.ofMillis(5), new Address(PINGER, other), hop + 1);
    }
  }

  static final class Module implements StatefulFunctionModule, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public void configure(Map<String, String> globalConfiguration, Binder binder) {
      binder.bindIngressRouter(
          STARTS, (hop, downstream) -> downstream.forward(new Address(PINGER, "a"), hop));
      binder.bindFunctionProvider(PINGER, type -> new PingerFn());
    }
  }

  @TempDir Path savepoints;
  private String sink;

  @BeforeEach
  void openSink() {
    ItSupport.clearSinks();
    sink = ItSupport.openSink("ticks");
  }

  private Harness harness() {
    return ItSupport.harness("hashmap")
        .withModule(new Module())
        .withGeneratedIngress(STARTS, 1, index -> 0)
        .withConsumingEgress(TICKS, ItSupport.into(sink));
  }

  @Test
  void withoutAnIntervalSavepointsAreRefusedAndTheJobKeepsRunning() throws Exception {
    try (HarnessJob job = harness().startAsync()) {
      awaitRecords(job, sink, 5);

      assertRefusedWhileTheJobRuns(job, () -> job.stopWithSavepoint(savepoints.toUri().toString()));
      assertRefusedWhileTheJobRuns(job, () -> job.triggerSavepoint(savepoints.toUri().toString()));

      assertThat(job.restarts()).as("restarts").isZero();
      try (var written = Files.list(savepoints)) {
        assertThat(written).as("savepoints written").isEmpty();
      }
      job.cancel();
    }
  }

  private void assertRefusedWhileTheJobRuns(HarnessJob job, ThrowingCallable savepoint)
      throws Exception {
    assertThatThrownBy(savepoint)
        .satisfies(
            failure ->
                assertThat(causeMessages(failure))
                    .anySatisfy(
                        message ->
                            assertThat(message)
                                .contains("statefun refuses checkpoint/savepoint")
                                .contains("execution.checkpointing.interval is not set")));
    assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
    // Still producing: the loop goes on past what it had emitted when the savepoint was refused.
    awaitRecords(job, sink, ItSupport.size(sink) + 5);
  }

  @Test
  void withAnIntervalTheSameJobStopsWithASavepoint() throws Exception {
    try (HarnessJob job = harness().withCheckpointInterval(Duration.ofSeconds(1)).startAsync()) {
      awaitRecords(job, sink, 5);

      // Returns once the job has ended, and throws if it failed.
      String savepoint = job.stopWithSavepoint(savepoints.toUri().toString());

      assertThat(Path.of(java.net.URI.create(savepoint)).resolve("_metadata")).exists();
    }
  }
}
