package io.statefun.flink.core.feedback;

import java.util.Objects;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.common.functions.RuntimeContext;

/**
 * Identifies the channel between the feedback tail and the function operator of one subtask of one
 * pipeline in one attempt. A restarted attempt gets a fresh channel, so records of a failed attempt
 * never leak into the next.
 */
@Internal
public final class FeedbackKey {
  private final String pipelineId;
  private final String jobId;
  private final int subtaskIndex;
  private final int attemptNumber;

  public FeedbackKey(String pipelineId, String jobId, int subtaskIndex, int attemptNumber) {
    this.pipelineId = pipelineId;
    this.jobId = jobId;
    this.subtaskIndex = subtaskIndex;
    this.attemptNumber = attemptNumber;
  }

  /** The key of the subtask and attempt that {@code context} belongs to. */
  public static FeedbackKey of(String pipelineId, RuntimeContext context) {
    TaskInfo task = context.getTaskInfo();
    return new FeedbackKey(
        pipelineId,
        context.getJobInfo().getJobId().toString(),
        task.getIndexOfThisSubtask(),
        task.getAttemptNumber());
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof FeedbackKey)) {
      return false;
    }
    FeedbackKey other = (FeedbackKey) o;
    return subtaskIndex == other.subtaskIndex
        && attemptNumber == other.attemptNumber
        && pipelineId.equals(other.pipelineId)
        && jobId.equals(other.jobId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(pipelineId, jobId, subtaskIndex, attemptNumber);
  }

  @Override
  public String toString() {
    return "feedback["
        + pipelineId
        + ", job "
        + jobId
        + ", subtask "
        + subtaskIndex
        + ", attempt "
        + attemptNumber
        + "]";
  }
}
