package io.statefun.flink.core.feedback;

import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.CheckpointingMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether Flink aligns the checkpoint barriers of a job, which the feedback loop's cut relies on:
 * the tail puts a checkpoint's sentinel into its channel only once the barriers of every function
 * subtask have reached it, and only alignment holds back what a function subtask sent after its own
 * barrier until then (see {@code FeedbackEdge}).
 *
 * <p>Flink aligns only in exactly-once mode, and a job without periodic checkpoints (no {@code
 * execution.checkpointing.interval}) runs in at-least-once mode whatever {@code
 * execution.checkpointing.mode} says. Savepoints of such a job, stop-with-savepoint included, are
 * taken with barriers that are merely counted: a message a function subtask sends after its
 * snapshot can pass the tail before the sentinel, and the savepoint then logs it a second time
 * (statefun-flink-state-processor's StateInspectorIT once saw its one-message ping-pong logged
 * twice for this reason).
 */
@Internal
public final class BarrierAlignment {
  private static final Logger LOG = LoggerFactory.getLogger(BarrierAlignment.class);

  private BarrierAlignment() {}

  /** Whether the tasks of a job with this configuration align checkpoint barriers. */
  public static boolean aligned(Configuration jobConfiguration) {
    return CheckpointingOptions.getCheckpointingMode(jobConfiguration)
        == CheckpointingMode.EXACTLY_ONCE;
  }

  /** Logs {@link #unalignedSnapshotWarning} as a warning. */
  public static void warnOfUnalignedSnapshot(long checkpointId) {
    LOG.warn(unalignedSnapshotWarning(checkpointId));
  }

  /** What a snapshot taken without alignment may hold, and how to get exactly-once ones. */
  public static String unalignedSnapshotWarning(long checkpointId) {
    return "checkpoint "
        + checkpointId
        + ": this job runs without periodic checkpoints ("
        + CheckpointingOptions.CHECKPOINTING_INTERVAL.key()
        + " is not set), so Flink takes its savepoints with at-least-once barriers, which it does"
        + " not align. Messages in flight round the feedback loop can be logged twice and are then"
        + " delivered twice after a restore from this savepoint. Set "
        + CheckpointingOptions.CHECKPOINTING_INTERVAL.key()
        + " (with "
        + CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE.key()
        + ": EXACTLY_ONCE, the default) for exactly-once savepoints.";
  }
}
