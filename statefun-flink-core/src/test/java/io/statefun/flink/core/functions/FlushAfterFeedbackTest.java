package io.statefun.flink.core.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.flink.core.feedback.FeedbackConsumer;
import io.statefun.flink.core.message.Message;
import io.statefun.sdk.Address;
import io.statefun.sdk.FunctionType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlushAfterFeedbackTest {
  private final List<String> events = new ArrayList<>();

  private final FeedbackConsumer<Message> functions =
      new FeedbackConsumer<>() {
        @Override
        public void processFeedback(Message message) {
          events.add("deliver " + message.payload());
        }

        @Override
        public void endOfFeedbackBatch() {
          events.add("end of batch");
        }
      };

  private static Message message(String payload) {
    return new Message(null, new Address(new FunctionType("ns", "fn"), "id"), payload);
  }

  @Test
  void flushesOnceAfterEachBatchOnceTheFunctionsHaveFinishedIt() throws Exception {
    FlushAfterFeedback consumer = new FlushAfterFeedback(functions, () -> events.add("flush"));

    consumer.processFeedback(message("a"));
    consumer.processFeedback(message("b"));
    consumer.endOfFeedbackBatch();
    consumer.processFeedback(message("c"));
    consumer.endOfFeedbackBatch();

    assertThat(events)
        .containsExactly(
            "deliver a",
            "deliver b",
            "end of batch",
            "flush",
            "deliver c",
            "end of batch",
            "flush");
  }

  @Test
  void doesNotFlushWhileABatchIsBeingDelivered() throws Exception {
    FlushAfterFeedback consumer = new FlushAfterFeedback(functions, () -> events.add("flush"));

    for (int i = 0; i < 100; i++) {
      consumer.processFeedback(message("m" + i));
    }

    assertThat(events).hasSize(100).doesNotContain("flush");
  }
}
