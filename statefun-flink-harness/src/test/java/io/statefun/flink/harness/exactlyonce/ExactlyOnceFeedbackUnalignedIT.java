package io.statefun.flink.harness.exactlyonce;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.flink.harness.metrics.CheckpointTraces;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The exactly-once suite with unaligned checkpoints: failures, stop-with-savepoint and rescaling 2
 * → 3 → 1 on both backends, every checkpoint unaligned (savepoints are always aligned).
 */
class ExactlyOnceFeedbackUnalignedIT extends ExactlyOnceFeedbackIT {
  private CheckpointTraces traces;

  @BeforeEach
  void traceCheckpoints() {
    traces = CheckpointTraces.create();
  }

  @Override
  Map<String, String> variantSettings() {
    return unaligned(traces);
  }

  /** Unaligned checkpoints, with {@code traces} told about every checkpoint. */
  static Map<String, String> unaligned(CheckpointTraces traces) {
    Map<String, String> settings = new HashMap<>(traces.configuration());
    settings.put("execution.checkpointing.unaligned.enabled", "true");
    return settings;
  }

  @AfterEach
  void checkpointsWereUnaligned() {
    checkUnaligned(traces);
  }

  /** Stops {@code traces} and checks that the test's jobs took unaligned checkpoints. */
  static void checkUnaligned(CheckpointTraces traces) {
    traces.unregister();
    // Flink reports a checkpoint as aligned when no task took it unaligned (right after a restore,
    // for one), so not every one of them is.
    assertThat(traces.completedCheckpoints())
        .as("unaligned checkpoints of the test's jobs")
        .filteredOn(CheckpointTraces.Checkpoint::unaligned)
        .hasSizeGreaterThanOrEqualTo(3);
  }
}
