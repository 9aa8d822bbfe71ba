package io.statefun.flink.core.feedback;

import org.apache.flink.annotation.Internal;

/** Receives the feedback channel's records on the consumer's mailbox thread. */
@Internal
public interface FeedbackConsumer<T> {

  /** Called for each record, in the order the producer put them. */
  void processFeedback(T record) throws Exception;

  /** Called after each batch of records, before the mail ends. */
  default void endOfFeedbackBatch() throws Exception {}
}
