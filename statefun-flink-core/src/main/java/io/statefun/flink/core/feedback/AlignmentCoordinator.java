package io.statefun.flink.core.feedback;

import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.apache.flink.annotation.Internal;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.operators.coordination.OperatorCoordinator;
import org.apache.flink.runtime.operators.coordination.OperatorEvent;

/**
 * The functions operator's coordinator on the JobManager. It has one job: to refuse every
 * checkpoint and savepoint of a job whose barriers Flink does not align ({@link BarrierAlignment}),
 * because the feedback log of such a snapshot can hold a message twice.
 *
 * <p>It refuses by failing its part of the checkpoint, which Flink asks for before any task sees a
 * barrier. Flink then fails only that checkpoint: the caller of a savepoint or a
 * stop-with-savepoint gets the reason, and the job keeps running without a restart. A task cannot
 * refuse as safely: Flink fails the job over for any task-level failure of a stop-with-savepoint.
 *
 * <p>It keeps no state: a snapshot it allows gets an empty coordinator state, and whatever a
 * restore hands back is ignored, including none at all (savepoints written before this coordinator
 * existed, or by the State Processor API).
 */
@Internal
public final class AlignmentCoordinator implements OperatorCoordinator {
  private static final byte[] NO_STATE = new byte[0];

  private final BooleanSupplier aligned;

  /**
   * @param aligned whether the job's barriers are aligned, asked at every snapshot
   */
  public AlignmentCoordinator(BooleanSupplier aligned) {
    this.aligned = aligned;
  }

  @Override
  public void checkpointCoordinator(long checkpointId, CompletableFuture<byte[]> result) {
    if (aligned.getAsBoolean()) {
      result.complete(NO_STATE);
    } else {
      result.completeExceptionally(
          new IllegalStateException(BarrierAlignment.refusal(checkpointId)));
    }
  }

  @Override
  public void resetToCheckpoint(long checkpointId, byte[] checkpointData) {}

  @Override
  public void start() {}

  @Override
  public void close() {}

  @Override
  public void handleEventFromOperator(int subtask, int attemptNumber, OperatorEvent event) {
    throw new IllegalArgumentException(
        "the functions operator sends its coordinator no events, but subtask "
            + subtask
            + " sent "
            + event);
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) {}

  @Override
  public void subtaskReset(int subtask, long checkpointId) {}

  @Override
  public void executionAttemptFailed(int subtask, int attemptNumber, Throwable reason) {}

  @Override
  public void executionAttemptReady(int subtask, int attemptNumber, SubtaskGateway gateway) {}

  /** Creates the coordinator of one functions operator, reading alignment from the JobManager. */
  public static final class Provider implements OperatorCoordinator.Provider {
    private static final long serialVersionUID = 1L;

    private final OperatorID operatorId;

    public Provider(OperatorID operatorId) {
      this.operatorId = operatorId;
    }

    @Override
    public OperatorID getOperatorId() {
      return operatorId;
    }

    @Override
    public OperatorCoordinator create(Context context) {
      // Asked at each snapshot: the context hands out the checkpoint coordinator only once the
      // scheduler has set it up.
      return new AlignmentCoordinator(
          () -> BarrierAlignment.aligned(context.getCheckpointCoordinator()));
    }
  }
}
