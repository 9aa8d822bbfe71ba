package io.statefun.flink.core.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class BarrierAlignmentTest {

  @Test
  void aJobWithoutPeriodicCheckpointsIsNotAlignedEvenInExactlyOnceMode() {
    Configuration config = new Configuration();
    assertThat(BarrierAlignment.aligned(config)).isFalse();

    config.setString("execution.checkpointing.mode", "EXACTLY_ONCE");
    assertThat(BarrierAlignment.aligned(config)).isFalse();

    config.setString("execution.checkpointing.interval", "0 ms");
    assertThat(BarrierAlignment.aligned(config)).isFalse();
  }

  @Test
  void periodicExactlyOnceCheckpointsAreAligned() {
    Configuration config = new Configuration();
    config.setString("execution.checkpointing.interval", "10 min");
    assertThat(BarrierAlignment.aligned(config)).isTrue();

    config.setString("execution.checkpointing.mode", "AT_LEAST_ONCE");
    assertThat(BarrierAlignment.aligned(config)).isFalse();
  }

  @Test
  void theWarningNamesTheCheckpointAndTheKeyToSet() {
    assertThat(BarrierAlignment.unalignedSnapshotWarning(7))
        .startsWith("checkpoint 7: ")
        .contains("execution.checkpointing.interval is not set")
        .contains("logged twice")
        .contains("Set execution.checkpointing.interval");
  }
}
