package io.statefun.flink.core.functions;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.OperatorMetricGroup;

/**
 * How many messages one functions subtask accepted and how many it finished, as two gauges of
 * counts that only grow. A message is accepted once, where it comes into being or enters the job:
 *
 * <ul>
 *   <li>a record from the routers, as Flink's {@code numRecordsIn} of this operator counts it
 *       (before the operator sees it; so no counter of ours has to run for it);
 *   <li>a message a function of this subtask sends, placed locally or remotely, and a delayed
 *       message when it fires (see {@link Outbox}): a remote one is counted by its sender, so it is
 *       covered while it travels to the tail, waits in the channel and is delivered;
 *   <li>an async completion, and a message restored from the feedback log or as an UNKNOWN async
 *       result.
 * </ul>
 *
 * A message is finished when its invocation ends (or it became a dead letter), after everything the
 * invocation sent was accepted. So summed over all subtasks of the operator, accepted minus
 * finished is the number of messages anywhere between coming into being and the end of their
 * invocation, with no hand-off uncovered; per subtask the two need not meet (a remote message is
 * accepted by one subtask and finished by another). Task thread only; the reporter reads plain
 * fields, as it reads Flink's own counters.
 */
final class MessageCounts {
  static final String ACCEPTED = "messagesAccepted";
  static final String FINISHED = "messagesFinished";

  private final Counter input;
  private long accepted;
  private long finished;

  MessageCounts(OperatorMetricGroup operator) {
    this.input = operator.getIOMetricGroup().getNumRecordsInCounter();
    operator.gauge(ACCEPTED, () -> input.getCount() + accepted);
    operator.gauge(FINISHED, () -> finished);
  }

  /** Counts a message this subtask brought into being or resumed. */
  void accepted() {
    accepted++;
  }

  /** Counts a message whose invocation ended. */
  void finished() {
    finished++;
  }
}
