package io.statefun.flink.harness.chaos;

import io.statefun.flink.core.feedback.FeedbackTailHook;
import io.statefun.flink.core.message.Message;
import io.statefun.flink.harness.observe.HarnessRuns;
import org.apache.flink.annotation.Internal;

/**
 * Fails the feedback tail where a {@link Fault#inFeedbackTo} fault fires: the core's tail calls it
 * for every message it receives, before the message enters the channel, so the failing task is the
 * tail's. Serializable: travels with the job, and finds the run's plan by its id.
 */
@Internal
public final class FeedbackFaults implements FeedbackTailHook {
  private static final long serialVersionUID = 1L;

  private final String runId;
  private transient FaultPlan plan;

  public FeedbackFaults(String runId) {
    this.runId = runId;
  }

  @Override
  public void received(Message message) {
    if (plan == null) {
      plan = HarnessRuns.get(runId).faults();
    }
    // The task thread's name is the task's: "statefun-feedback-tail (i/n)#attempt".
    plan.beforeFeedback(message.target(), message.source(), Thread.currentThread().getName());
  }
}
