package io.statefun.flink.core.feedback;

import io.statefun.flink.core.message.Message;
import java.io.Serializable;
import org.apache.flink.annotation.Internal;

/**
 * Sees every message the feedback tail receives, on the tail's task thread, before it enters the
 * channel; an exception it throws fails the tail task. For test kits that fail the feedback path
 * itself (statefun-flink-harness's faults); a pipeline has none unless one is given.
 */
@Internal
@FunctionalInterface
public interface FeedbackTailHook extends Serializable {
  void received(Message message);
}
