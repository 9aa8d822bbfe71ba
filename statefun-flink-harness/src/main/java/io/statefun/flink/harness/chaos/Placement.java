package io.statefun.flink.harness.chaos;

import io.statefun.sdk.Address;
import java.io.Serializable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;

/**
 * Which functions subtask owns an address, as the job's keyBy places it: a message whose sender is
 * owned by another subtask came through the feedback loop.
 */
@Internal
public final class Placement implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int parallelism;
  private final int maxParallelism;

  public Placement(int parallelism, int maxParallelism) {
    this.parallelism = parallelism;
    this.maxParallelism = maxParallelism;
  }

  /**
   * Placement of a job whose max parallelism is {@code configured} (0 or less: Flink's default).
   */
  public static Placement of(int parallelism, int configured) {
    return new Placement(
        parallelism,
        configured > 0
            ? configured
            : KeyGroupRangeAssignment.computeDefaultMaxParallelism(parallelism));
  }

  int subtaskOf(Address address) {
    return KeyGroupRangeAssignment.assignKeyToParallelOperator(
        address, maxParallelism, parallelism);
  }
}
