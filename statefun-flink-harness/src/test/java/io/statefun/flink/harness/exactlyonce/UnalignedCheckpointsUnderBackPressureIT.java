package io.statefun.flink.harness.exactlyonce;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.flink.harness.Harness;
import io.statefun.flink.harness.HarnessJob;
import io.statefun.flink.harness.chaos.Fault;
import io.statefun.flink.harness.exactlyonce.BackPressuredLoops.Done;
import io.statefun.flink.harness.metrics.CheckpointTraces;
import io.statefun.flink.harness.metrics.CheckpointTraces.Checkpoint;
import io.statefun.flink.harness.observe.EgressCollector;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Unaligned checkpoints where they differ from aligned ones, with a failure in the middle: the
 * ingress is back-pressured, so barriers overtake buffered records on the function operator's input
 * (every checkpoint persists them as in-flight data), one function subtask is held in long
 * invocations while the other answers its barrier at once, and both feedback tails always have loop
 * records in flight from both function subtasks.
 *
 * <p>The edge into the feedback tail must stay aligned (see {@code FeedbackEdge}): the running job
 * shows it by the tail never persisting in-flight data while the function operator does. A tail
 * that snapshotted at the fast subtask's barrier could let its sentinel overtake the slow subtask's
 * snapshot, and a loop record would be applied before that snapshot and again after the restore (a
 * second token, so a second {@link Done}), or its log would never be written.
 */
class UnalignedCheckpointsUnderBackPressureIT {
  private static final long LOOPS = 600;
  private static final int HOPS = 1000;
  private static final Duration TIMEOUT = Duration.ofSeconds(180);

  private CheckpointTraces traces;

  @BeforeEach
  void traceCheckpoints() {
    traces = CheckpointTraces.create();
  }

  @AfterEach
  void unregister() {
    traces.unregister();
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void barriersOvertakeBufferedRecordsAndAFailureLosesAndDuplicatesNoLoop(String backend)
      throws Exception {
    Harness harness =
        traces
            .addTo(new Harness())
            .withParallelism(BackPressuredLoops.PARALLELISM)
            .withStateBackend(backend)
            .withCheckpointInterval(Duration.ofMillis(200))
            .withConfiguration("execution.checkpointing.unaligned.enabled", "true")
            .withServiceLoaderModules(false)
            .withModule(new BackPressuredLoops.Module())
            .withGlobalConfiguration(BackPressuredLoops.HOPS, Integer.toString(HOPS))
            .withGlobalConfiguration(BackPressuredLoops.WORK_MILLIS, "5")
            .withGeneratedIngress(BackPressuredLoops.LOOPS, LOOPS, index -> index)
            // Unthrottled and never ending: the work keeps the ingress back-pressured.
            .withGeneratedIngress(BackPressuredLoops.WORK, Long.MAX_VALUE, BackPressuredLoops::work)
            .withCollectingEgress(BackPressuredLoops.DONE)
            .withFault(
                Fault.inFeedbackTo(BackPressuredLoops.PINGER).afterCheckpoint(4).atCount(2000));
    long loopsDoneAtFailure;
    int checkpointsBeforeFailure;
    try (HarnessJob job = harness.startAsync()) {
      EgressCollector<Done> done = job.egress(BackPressuredLoops.DONE);
      job.awaitRestarts(1, TIMEOUT);
      loopsDoneAtFailure = done.committedCount();
      checkpointsBeforeFailure = traces.completedCheckpoints().size();
      // Checkpoints go on completing after the restore, and every loop ends.
      job.awaitCondition(
          () ->
              traces.completedCheckpoints().size() >= checkpointsBeforeFailure + 3
                  && done.committedCount() >= LOOPS,
          TIMEOUT);
      System.out.printf(
          "[%s] %d checkpoints before the failure, %d in all, %d unaligned with in-flight data;"
              + " %d feedback records replayed; durations (ms) %s%n",
          backend,
          checkpointsBeforeFailure,
          traces.completedCheckpoints().size(),
          traces.unalignedWithInFlightData(),
          job.metricTotal("feedbackLogReplayedRecords"),
          traces.completedCheckpoints().stream().map(Checkpoint::durationMillis).toList());

      assertThat(job.firedFaults()).hasSize(1);
      assertThat(loopsDoneAtFailure).as("loops done when the failure struck").isLessThan(LOOPS);
      assertThat(job.metricTotal("feedbackLogReplayedRecords"))
          .as("the restore replayed logged feedback records")
          .isPositive();
      assertThat(done.duplicates()).as("loops done twice").isEmpty();
      Set<Long> loops = new HashSet<>();
      done.committed().forEach(d -> loops.add(d.loop()));
      assertThat(loops).as("loops done").hasSize((int) LOOPS);
      assertThat(done.committed()).hasSize((int) LOOPS);
    }

    List<Checkpoint> checkpoints = traces.completedCheckpoints();
    Set<String> tails = traces.taskIds("statefun-feedback-tail");
    Set<String> functions = traces.taskIds("statefun-functions");
    assertThat(tails).hasSize(1);
    assertThat(functions).hasSize(1);
    String tail = tails.iterator().next();
    String function = functions.iterator().next();
    assertThat(checkpoints)
        .filteredOn(c -> c.persistedInFlightBytesByTask().getOrDefault(function, 0L) > 0)
        .as("checkpoints whose barriers overtook buffered records into the functions")
        .hasSizeGreaterThanOrEqualTo(3);
    assertThat(checkpoints)
        .allSatisfy(
            c ->
                assertThat(c.persistedInFlightBytesByTask())
                    .as("checkpoint %s: the feedback tail's input is aligned", c.id())
                    .containsKey(tail)
                    .containsEntry(tail, 0L));
  }
}
