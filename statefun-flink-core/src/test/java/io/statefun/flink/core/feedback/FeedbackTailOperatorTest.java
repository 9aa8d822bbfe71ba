package io.statefun.flink.core.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.flink.core.config.StatefulFunctionsConfig;
import io.statefun.flink.core.message.Message;
import io.statefun.flink.core.message.MessageSerializer;
import io.statefun.flink.core.message.PayloadSerializerKind;
import io.statefun.sdk.Address;
import io.statefun.sdk.FunctionType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The tail in Flink's operator test harness: what it receives goes into its subtask's channel, a
 * checkpoint's sentinel follows exactly the records received before the barrier, the channel's
 * memory is bounded as configured, and its entry in the broker goes when the task ends.
 */
class FeedbackTailOperatorTest {
  private static final String PIPELINE = "tail-test";
  private static final Address TARGET = new Address(new FunctionType("tail", "test"), "a");

  private static OneInputStreamOperatorTestHarness<Message, Void> harness(
      Map<String, String> settings) throws Exception {
    return harness(settings, null);
  }

  private static OneInputStreamOperatorTestHarness<Message, Void> harness(
      Map<String, String> settings, FeedbackTailHook hook) throws Exception {
    StatefulFunctionsConfig config =
        StatefulFunctionsConfig.fromFlinkConfiguration(
            Configuration.fromMap(settings), FeedbackTailOperatorTest.class.getClassLoader());
    return new OneInputStreamOperatorTestHarness<>(
        new FeedbackTailOperatorFactory<Message>(PIPELINE, config, hook), 8, 2, 1);
  }

  private static StreamRecord<Message> record(String payload) {
    return new StreamRecord<>(new Message(null, TARGET, payload));
  }

  private static RecordCodec<Object> codec() {
    return new FeedbackRecordCodec(
        new MessageSerializer(PayloadSerializerKind.DEFAULT, new SerializerConfigImpl()));
  }

  private static List<Object> payloadsAndSentinels(List<Object> received) {
    List<Object> out = new ArrayList<>();
    for (Object r : received) {
      out.add(r instanceof Message ? ((Message) r).payload() : r.toString());
    }
    return out;
  }

  @Test
  void putsRecordsAndTheSentinelIntoItsSubtasksChannelAndReleasesItOnClose() throws Exception {
    int channelsBefore = FeedbackChannelBroker.get().size();
    OneInputStreamOperatorTestHarness<Message, Void> harness = harness(Map.of());
    harness.open();
    FeedbackKey key = FeedbackKey.of(PIPELINE, harness.getOperator().getRuntimeContext());
    FeedbackChannel<Object> channel = FeedbackChannelBroker.get().channel(key);
    assertThat(FeedbackChannelBroker.get().size()).isEqualTo(channelsBefore + 1);

    harness.processElement(record("before-1"));
    harness.processElement(record("before-2"));
    harness.prepareSnapshotPreBarrier(5);
    harness.processElement(record("after"));

    QueueingMailboxExecutor mailbox = new QueueingMailboxExecutor();
    List<Object> received = new ArrayList<>();
    channel.registerConsumer(received::add, mailbox, 100, codec());
    mailbox.runAll();
    assertThat(payloadsAndSentinels(received))
        .containsExactly("before-1", "before-2", "CheckpointSentinel{5}", "after");
    assertThat(channel.spilledBytesTotal()).as("the default budget holds all of it").isZero();
    assertThat(harness.extractOutputValues()).as("the tail has no output").isEmpty();

    harness.close();
    assertThat(FeedbackChannelBroker.get().size()).isEqualTo(channelsBefore);
    channel.put(new Message(null, TARGET, "late"));
    mailbox.runAll();
    assertThat(payloadsAndSentinels(received))
        .as("the head still drains what it holds")
        .endsWith("late");
  }

  @Test
  void aHookSeesEachRecordFirstAndWhatItThrowsFailsTheTailBeforeTheChannelGetsTheRecord()
      throws Exception {
    OneInputStreamOperatorTestHarness<Message, Void> harness =
        harness(
            Map.of(),
            message -> {
              if ("poison".equals(message.payload())) {
                throw new IllegalStateException("hook failed on " + message.payload());
              }
            });
    harness.open();
    FeedbackChannel<Object> channel =
        FeedbackChannelBroker.get()
            .channel(FeedbackKey.of(PIPELINE, harness.getOperator().getRuntimeContext()));
    harness.processElement(record("fine"));
    assertThatThrownBy(() -> harness.processElement(record("poison")))
        .hasMessage("hook failed on poison");

    QueueingMailboxExecutor mailbox = new QueueingMailboxExecutor();
    List<Object> received = new ArrayList<>();
    channel.registerConsumer(received::add, mailbox, 100, codec());
    mailbox.runAll();
    assertThat(payloadsAndSentinels(received)).containsExactly("fine");
    harness.close();
  }

  @Test
  void beyondTheConfiguredBudgetRecordsAreSpilledAndComeBackInOrderWithTheSentinel()
      throws Exception {
    OneInputStreamOperatorTestHarness<Message, Void> harness =
        harness(Map.of("statefun.feedback.channel.memory.size", "0b"));
    harness.open();
    FeedbackChannel<Object> channel =
        FeedbackChannelBroker.get()
            .channel(FeedbackKey.of(PIPELINE, harness.getOperator().getRuntimeContext()));
    List<Object> expected = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      if (i == 1_000) {
        harness.prepareSnapshotPreBarrier(7);
        expected.add("CheckpointSentinel{7}");
      }
      harness.processElement(record("m" + i));
      expected.add("m" + i);
    }
    assertThat(channel.memoryBytes()).as("nothing is kept in memory").isZero();
    assertThat(channel.spillFilesPending()).isPositive();
    assertThat(channel.size()).isEqualTo(2_001);

    QueueingMailboxExecutor mailbox = new QueueingMailboxExecutor();
    List<Object> received = new ArrayList<>();
    channel.registerConsumer(received::add, mailbox, 100, codec());
    mailbox.runAll();

    assertThat(payloadsAndSentinels(received)).isEqualTo(expected);
    assertThat(channel.spillFilesPending()).isZero();
    assertThat(channel.spilledBytesTotal()).isPositive();
    harness.close();
  }

  @Test
  void closingTheTailOfAChannelNoConsumerEverTookDeletesItsSpill() throws Exception {
    OneInputStreamOperatorTestHarness<Message, Void> harness =
        harness(Map.of("statefun.feedback.channel.memory.size", "0b"));
    harness.open();
    FeedbackChannel<Object> channel =
        FeedbackChannelBroker.get()
            .channel(FeedbackKey.of(PIPELINE, harness.getOperator().getRuntimeContext()));
    for (int i = 0; i < 2_000; i++) {
      harness.processElement(record("m" + i));
    }
    assertThat(channel.spillFilesPending()).isPositive();

    harness.close();

    assertThat(channel.spillFilesPending()).isZero();
    assertThat(channel.spillBytes()).isZero();
  }
}
