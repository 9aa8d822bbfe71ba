package io.statefun.flink.core.feedback;

import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.runtime.checkpoint.CheckpointCoordinator;

/**
 * Whether Flink aligns the checkpoint barriers of a job, which the feedback loop's cut relies on:
 * the tail puts a checkpoint's sentinel into its channel only once the barriers of every function
 * subtask have reached it, and only alignment holds back what a function subtask sent after its own
 * barrier until then (see {@code FeedbackEdge}).
 *
 * <p>Flink aligns only in exactly-once mode, and a job without periodic checkpoints (no {@code
 * execution.checkpointing.interval}) runs in at-least-once mode whatever {@code
 * execution.checkpointing.mode} says. Savepoints of such a job, stop-with-savepoint included, would
 * be taken with barriers that are merely counted: a message a function subtask sends after its
 * snapshot can pass the tail before the sentinel, and the savepoint then logs it a second time
 * (statefun-flink-state-processor's StateInspectorIT once saw its one-message ping-pong logged
 * twice for this reason). {@link AlignmentCoordinator} therefore refuses them.
 *
 * <p>The rule reads the JobManager's view of the running job, so it also sees checkpointing that a
 * DataStream program enables after building its statefun pipeline. The other way to be
 * at-least-once, {@code execution.checkpointing.mode: AT_LEAST_ONCE} with an interval, is rejected
 * when the pipeline is built ({@code StatefulFunctionsConfig}); the JobManager's view does not
 * expose the mode, so a program that switches to it after the build is not caught here.
 */
@Internal
public final class BarrierAlignment {

  private BarrierAlignment() {}

  /**
   * Whether the tasks of the job that {@code checkpoints} coordinates align checkpoint barriers:
   * only if it has periodic checkpoints (Flink's tasks then run in the configured mode, which
   * statefun requires to be exactly-once). A job without a checkpoint coordinator takes no
   * snapshots at all.
   */
  public static boolean aligned(CheckpointCoordinator checkpoints) {
    return checkpoints != null && checkpoints.isPeriodicCheckpointingConfigured();
  }

  /** Why a snapshot of a job without aligned barriers is refused, and how to make it possible. */
  public static String refusal(long checkpointId) {
    return "statefun refuses checkpoint/savepoint "
        + checkpointId
        + ": this job runs without periodic checkpoints ("
        + CheckpointingOptions.CHECKPOINTING_INTERVAL.key()
        + " is not set), so Flink runs it at-least-once and would not align this snapshot's"
        + " barriers. Messages in flight round the feedback loop could then be saved twice and"
        + " delivered twice after a restore. The job keeps running. Set "
        + CheckpointingOptions.CHECKPOINTING_INTERVAL.key()
        + " (with "
        + CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE.key()
        + ": EXACTLY_ONCE, the default) to take savepoints, stop-with-savepoint included.";
  }
}
