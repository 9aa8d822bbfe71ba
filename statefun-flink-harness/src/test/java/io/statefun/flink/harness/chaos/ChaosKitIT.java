package io.statefun.flink.harness.chaos;

import static io.statefun.flink.harness.chaos.CountingModule.COMMANDS;
import static io.statefun.flink.harness.chaos.CountingModule.COUNTER;
import static io.statefun.flink.harness.chaos.CountingModule.REPORTS;
import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.flink.harness.Harness;
import io.statefun.flink.harness.HarnessJob;
import io.statefun.flink.harness.observe.EgressCollector;
import io.statefun.flink.harness.observe.HarnessRuns;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chaos and observation kit on a small counting application, used as a user would. */
class ChaosKitIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final int COMMAND_COUNT = 600;

  @TempDir Path savepoints;

  private static Harness harness(int parallelism) {
    return new Harness()
        .withServiceLoaderModules(false)
        .withModule(new CountingModule())
        .withParallelism(parallelism)
        .withCheckpointInterval(Duration.ofMillis(200))
        .withGeneratedIngress(COMMANDS, COMMAND_COUNT, CountingModule::commandAt, 300)
        .withCollectingEgress(REPORTS);
  }

  @Test
  void twoInjectedFaultsRestartTheJobAndTheOutputIsStillExactlyOnce() throws Exception {
    Harness harness =
        harness(2)
            .withFault(Fault.inInvocationOf(COUNTER).afterCheckpoint(2))
            .withFault(Fault.inRouterOf(COMMANDS).afterCheckpoint(4).atCount(5));
    EgressCollector<String> reports;
    List<FiredFault> fired;
    long restarts;
    long logCommits;
    long logCommitsOfThisAttempt;
    try (HarnessJob job = harness.startAsync()) {
      job.awaitRestarts(2, TIMEOUT);
      job.awaitQuiescence(TIMEOUT);
      restarts = job.restarts();
      logCommitsOfThisAttempt = job.metric("feedbackLogCommits");
      logCommits = job.metricTotal("feedbackLogCommits");
      fired = job.firedFaults();
      reports = job.egress(REPORTS);
      job.stopWithSavepoint(savepoints.toUri().toString());
    }

    assertThat(restarts).isEqualTo(2);
    assertThat(logCommits)
        .as("feedback logs committed, over all three attempts, from Flink's metrics")
        .isGreaterThanOrEqualTo(4 * 2) // 4 checkpoints before the second fault, 2 subtasks
        .isGreaterThan(logCommitsOfThisAttempt);
    assertThat(fired).extracting(FiredFault::fault).hasSize(2);
    assertThat(fired.get(0).completedCheckpoints()).isGreaterThanOrEqualTo(2);
    assertThat(fired.get(1).completedCheckpoints()).isGreaterThanOrEqualTo(4);
    assertThat(reports.duplicates()).isEmpty();
    assertThat(reports.committed())
        .containsExactlyInAnyOrderElementsOf(CountingModule.expectedReports(COMMAND_COUNT));
    assertThat(reports.written().size())
        .as("the failed attempts wrote records that the restarts replayed")
        .isGreaterThan(COMMAND_COUNT);
    assertThat(HarnessRuns.active()).as("runs left registered").isEmpty();
  }

  @Test
  void aFaultInTheFeedbackLoopRestartsTheJobAndTheOutputIsStillExactlyOnce() throws Exception {
    Harness harness =
        harness(2)
            .withFault(Fault.inFeedbackTo(CountingModule.REPORTER).afterCheckpoint(1).atCount(20));
    EgressCollector<String> reports;
    List<FiredFault> fired;
    try (HarnessJob job = harness.startAsync()) {
      job.awaitRestarts(1, TIMEOUT);
      job.awaitQuiescence(TIMEOUT);
      fired = job.firedFaults();
      reports = job.egress(REPORTS);
      job.stopWithSavepoint(savepoints.toUri().toString());
    }

    assertThat(fired).hasSize(1);
    // Fired in the feedback tail's task (its thread is named after it), not in the functions'.
    assertThat(fired.get(0).where())
        .contains(" -> " + CountingModule.REPORTER + "/")
        .contains("at statefun-feedback-tail");
    assertThat(reports.duplicates()).isEmpty();
    assertThat(reports.committed())
        .containsExactlyInAnyOrderElementsOf(CountingModule.expectedReports(COMMAND_COUNT));
  }
}
