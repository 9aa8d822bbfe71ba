package io.statefun.flink.core.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The tail in Flink's operator test harness: what it receives goes into its subtask's channel, a
 * checkpoint's sentinel follows exactly the records received before the barrier, and its entry in
 * the broker goes when the task ends.
 */
class FeedbackTailOperatorTest {
  private static final String PIPELINE = "tail-test";

  @Test
  void putsRecordsAndTheSentinelIntoItsSubtasksChannelAndReleasesItOnClose() throws Exception {
    int channelsBefore = FeedbackChannelBroker.get().size();
    OneInputStreamOperatorTestHarness<String, Void> harness =
        new OneInputStreamOperatorTestHarness<>(
            new FeedbackTailOperatorFactory<String>(PIPELINE), 8, 2, 1);
    harness.open();
    FeedbackKey key = FeedbackKey.of(PIPELINE, harness.getOperator().getRuntimeContext());
    FeedbackChannel<Object> channel = FeedbackChannelBroker.get().channel(key);
    assertThat(FeedbackChannelBroker.get().size()).isEqualTo(channelsBefore + 1);

    harness.processElement(new StreamRecord<>("before-1"));
    harness.processElement(new StreamRecord<>("before-2"));
    harness.prepareSnapshotPreBarrier(5);
    harness.processElement(new StreamRecord<>("after"));

    QueueingMailboxExecutor mailbox = new QueueingMailboxExecutor();
    List<Object> received = new ArrayList<>();
    channel.registerConsumer(received::add, mailbox, 100);
    mailbox.runAll();
    assertThat(received).hasSize(4);
    assertThat(received.subList(0, 2)).containsExactly("before-1", "before-2");
    assertThat(received.get(2)).isInstanceOf(CheckpointSentinel.class);
    assertThat(((CheckpointSentinel) received.get(2)).checkpointId()).isEqualTo(5);
    assertThat(received.get(3)).isEqualTo("after");
    assertThat(harness.extractOutputValues()).as("the tail has no output").isEmpty();

    harness.close();
    assertThat(FeedbackChannelBroker.get().size()).isEqualTo(channelsBefore);
    channel.put("late");
    mailbox.runAll();
    assertThat(received).as("the head still drains what it holds").endsWith("late");
  }
}
