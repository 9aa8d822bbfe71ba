package io.statefun.flink.core.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FeedbackChannelBrokerTest {
  private final FeedbackChannelBroker broker = FeedbackChannelBroker.get();

  /** A job id no other test uses, so the JVM-wide broker's other channels do not interfere. */
  private final String jobId = UUID.randomUUID().toString();

  private final List<FeedbackKey> created = new ArrayList<>();

  private FeedbackKey key(String pipeline, int subtask, int attempt) {
    FeedbackKey key = new FeedbackKey(pipeline, jobId, subtask, attempt);
    created.add(key);
    return key;
  }

  @AfterEach
  void removeChannels() {
    created.forEach(broker::remove);
  }

  @Test
  void isASingleton() {
    assertThat(FeedbackChannelBroker.get()).isSameAs(broker);
  }

  @Test
  void keysAreEqualExactlyWhenAllFourPartsAre() {
    FeedbackKey key = new FeedbackKey("p", jobId, 2, 1);

    assertThat(new FeedbackKey("p", jobId, 2, 1)).isEqualTo(key).hasSameHashCodeAs(key);
    assertThat(new FeedbackKey("p", jobId, 2, 0)).isNotEqualTo(key);
    assertThat(new FeedbackKey("p", jobId, 3, 1)).isNotEqualTo(key);
    assertThat(new FeedbackKey("q", jobId, 2, 1)).isNotEqualTo(key);
    assertThat(new FeedbackKey("p", jobId + "x", 2, 1)).isNotEqualTo(key);
  }

  @Test
  void equalKeysBuiltSeparatelyGetTheSameChannel() {
    FeedbackChannel<Object> first = broker.channel(key("p", 0, 0));
    FeedbackChannel<Object> second = broker.channel(new FeedbackKey("p", jobId, 0, 0));

    assertThat(second).isSameAs(first);
  }

  @Test
  void differentAttemptSubtaskPipelineOrJobGetDifferentChannels() {
    FeedbackChannel<Object> base = broker.channel(key("p", 0, 0));

    assertThat(broker.<Object>channel(key("p", 0, 1))).isNotSameAs(base);
    assertThat(broker.<Object>channel(key("p", 1, 0))).isNotSameAs(base);
    assertThat(broker.<Object>channel(key("q", 0, 0))).isNotSameAs(base);
    FeedbackKey otherJob = new FeedbackKey("p", jobId + "-other", 0, 0);
    created.add(otherJob);
    assertThat(broker.<Object>channel(otherJob)).isNotSameAs(base);
  }

  @Test
  void removeClosesAndForgetsTheChannel() throws Exception {
    FeedbackKey key = key("p", 3, 0);
    int sizeBefore = broker.size();
    FeedbackChannel<Integer> channel = broker.channel(key);
    assertThat(broker.size()).isEqualTo(sizeBefore + 1);

    QueueingMailboxExecutor mailbox = new QueueingMailboxExecutor();
    List<Integer> delivered = new ArrayList<>();
    channel.registerConsumer(delivered::add, mailbox, 10);
    channel.put(1);
    assertThat(mailbox.queued()).isEqualTo(1);

    broker.remove(key);

    assertThat(broker.size()).isEqualTo(sizeBefore);
    mailbox.runAll();
    assertThat(delivered).as("the removed channel is closed").isEmpty();
    FeedbackChannel<Integer> fresh = broker.channel(key);
    assertThat(fresh).isNotSameAs(channel);
    assertThat(fresh.size()).isZero();
  }

  @Test
  void removingAnUnknownKeyIsANoOp() {
    int sizeBefore = broker.size();
    broker.remove(key("never-created", 0, 0));
    assertThat(broker.size()).isEqualTo(sizeBefore);
  }

  @Test
  void releaseForgetsTheChannelButKeepsItDelivering() throws Exception {
    FeedbackKey key = key("p", 4, 0);
    int sizeBefore = broker.size();
    FeedbackChannel<Integer> channel = broker.channel(key);
    QueueingMailboxExecutor mailbox = new QueueingMailboxExecutor();
    List<Integer> delivered = new ArrayList<>();
    channel.registerConsumer(delivered::add, mailbox, 10);
    channel.put(1);

    broker.release(key);

    assertThat(broker.size()).isEqualTo(sizeBefore);
    mailbox.runAll();
    assertThat(delivered).as("the released channel still delivers").containsExactly(1);
    assertThat(broker.<Integer>channel(key)).isNotSameAs(channel);
  }
}
