package io.statefun.flink.core.functions;

import io.statefun.flink.core.feedback.FeedbackConsumer;
import io.statefun.flink.core.message.Message;
import java.io.Flushable;

/**
 * Hands feedback records to the functions and flushes the task's network outputs at the end of
 * every feedback mail. Messages that functions send to other subtasks while handling feedback then
 * leave once per mail rather than once per message, and never wait for the output's flush interval:
 * a loop across subtasks keeps its per-hop latency while a busy loop fills whole network buffers.
 * Sends outside feedback mails (ingress input, timers, async completions) leave by the output's
 * flush interval ({@code statefun.feedback.buffer-timeout}). Task thread only.
 */
final class FlushAfterFeedback implements FeedbackConsumer<Message> {
  private final FeedbackConsumer<Message> functions;
  private final Flushable outputs;

  FlushAfterFeedback(FeedbackConsumer<Message> functions, Flushable outputs) {
    this.functions = functions;
    this.outputs = outputs;
  }

  @Override
  public void processFeedback(Message message) throws Exception {
    functions.processFeedback(message);
  }

  @Override
  public void endOfFeedbackBatch() throws Exception {
    functions.endOfFeedbackBatch();
    outputs.flush();
  }
}
