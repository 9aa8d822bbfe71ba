package io.statefun.flink.core.feedback;

import java.util.Objects;

/**
 * Identifies the channel between the feedback tail and the function operator of one subtask of one
 * pipeline in one attempt. A restarted attempt gets a fresh channel, so records of a failed attempt
 * never leak into the next.
 */
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
