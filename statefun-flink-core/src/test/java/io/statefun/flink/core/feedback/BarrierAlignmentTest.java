package io.statefun.flink.core.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BarrierAlignmentTest {

  @Test
  void aJobWithoutACheckpointCoordinatorIsNotAligned() {
    assertThat(BarrierAlignment.aligned(null)).isFalse();
  }

  @Test
  void theRefusalNamesTheCheckpointTheCauseAndTheKeyToSet() {
    assertThat(BarrierAlignment.refusal(7))
        .startsWith("statefun refuses checkpoint/savepoint 7: ")
        .contains("execution.checkpointing.interval is not set")
        .contains("at-least-once")
        .contains("saved twice")
        .contains("The job keeps running")
        .contains("Set execution.checkpointing.interval");
  }
}
