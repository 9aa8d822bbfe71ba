package io.statefun.flink.harness.exactlyonce;

import io.statefun.flink.harness.metrics.CheckpointTraces;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The exactly-once suite with unaligned checkpoints and a feedback channel budget of zero: records
 * overtaken by a barrier come back as Flink's channel state, the loop's own records (all of them
 * through the channel's spill) through the feedback log.
 */
class ExactlyOnceFeedbackSpillingUnalignedIT extends ExactlyOnceFeedbackSpillingIT {
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

  @AfterEach
  void checkpointsWereUnaligned() {
    ExactlyOnceFeedbackUnalignedIT.checkUnaligned(traces);
  }
}
