package io.statefun.flink.harness.exactlyonce;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.flink.harness.metrics.CheckpointTraces;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The exactly-once suite with unaligned checkpoints and a feedback channel budget of zero: records
 * overtaken by a barrier come back as Flink's channel state, the loop's own records (all of them
 * through the channel's spill) through the feedback log.
 */
class ExactlyOnceFeedbackSpillingUnalignedIT extends ExactlyOnceFeedbackSpillingIT {
  private static final AtomicLong SPILLED_TO_FILES = new AtomicLong();
  private CheckpointTraces traces;

  @BeforeEach
  void traceCheckpoints() {
    traces = CheckpointTraces.create();
  }

  @Override
  Map<String, String> variantSettings() {
    Map<String, String> settings = new HashMap<>(super.variantSettings());
    settings.putAll(ExactlyOnceFeedbackUnalignedIT.unaligned(traces));
    return settings;
  }

  /**
   * The spill keeps its newest block in memory and writes only full blocks to files. Unaligned, a
   * short case's loop can keep up with the spill so that no block fills, so files are checked over
   * the whole class rather than per case.
   */
  @Override
  @AfterEach
  void everyJobSpilledToFiles() {
    SPILLED_TO_FILES.addAndGet(reporter.gaugeSum("feedbackQueueSpilledBytesTotal"));
  }

  @AfterAll
  static void theSuiteSpilledToFiles() {
    assertThat(SPILLED_TO_FILES.get())
        .as("bytes the feedback channels of the class's jobs wrote to spill files")
        .isPositive();
  }

  @AfterEach
  void checkpointsWereUnaligned() {
    traces.unregister();
    // Flink reports a checkpoint as aligned when no task took it unaligned (right after a restore,
    // for one), so not every one of them is.
    assertThat(traces.completedCheckpoints())
        .as("unaligned checkpoints of the test's jobs")
        .filteredOn(CheckpointTraces.Checkpoint::unaligned)
        .hasSizeGreaterThanOrEqualTo(3);
  }
}
