package io.statefun.flink.core.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FeedbackChannelTest {

  /** Records what it receives; only ever called on the (test's) mailbox thread. */
  private static final class RecordingConsumer implements FeedbackConsumer<Integer> {
    final List<Integer> records = new ArrayList<>();
    int batchEnds;

    @Override
    public void processFeedback(Integer record) {
      records.add(record);
    }

    @Override
    public void endOfFeedbackBatch() {
      batchEnds++;
    }
  }

  private static List<Integer> range(int fromInclusive, int toExclusive) {
    return IntStream.range(fromInclusive, toExclusive).boxed().collect(Collectors.toList());
  }

  @Test
  void recordsPutBeforeTheConsumerRegistersAreDeliveredAfterItRegistersInOrder() throws Exception {
    FeedbackChannel<Integer> channel = new FeedbackChannel<>();
    QueueingMailboxExecutor mailbox = new QueueingMailboxExecutor();
    RecordingConsumer consumer = new RecordingConsumer();

    for (int i = 0; i < 5; i++) {
      channel.put(i);
    }
    assertThat(channel.size()).isEqualTo(5);

    channel.registerConsumer(consumer, mailbox, 100);
    assertThat(consumer.records).as("nothing is delivered outside a mail").isEmpty();
    assertThat(mailbox.queued()).isEqualTo(1);

    mailbox.runAll();

    assertThat(consumer.records).containsExactly(0, 1, 2, 3, 4);
    assertThat(channel.size()).isZero();
    assertThat(mailbox.violations()).isEmpty();
  }

  @Test
  void registeringWithoutPendingRecordsSchedulesNothing() {
    FeedbackChannel<Integer> channel = new FeedbackChannel<>();
    QueueingMailboxExecutor mailbox = new QueueingMailboxExecutor();

    channel.registerConsumer(new RecordingConsumer(), mailbox, 10);

    assertThat(mailbox.submitted()).isZero();
  }

  @Test
  void deliversAtMostBatchSizeRecordsPerMailAndEndsEachBatchOnce() throws Exception {
    FeedbackChannel<Integer> channel = new FeedbackChannel<>();
    QueueingMailboxExecutor mailbox = new QueueingMailboxExecutor();
    RecordingConsumer consumer = new RecordingConsumer();
    for (int i = 0; i < 10; i++) {
      channel.put(i);
    }
    channel.registerConsumer(consumer, mailbox, 3);

    List<Integer> perMail = new ArrayList<>();
    int mails = 0;
    while (mailbox.queued() > 0) {
      int before = consumer.records.size();
      int endsBefore = consumer.batchEnds;
      mailbox.runOne();
      mails++;
      perMail.add(consumer.records.size() - before);
      assertThat(consumer.batchEnds)
          .as("endOfFeedbackBatch once per mail")
          .isEqualTo(endsBefore + 1);
    }

    assertThat(perMail).containsExactly(3, 3, 3, 1);
    assertThat(consumer.batchEnds).isEqualTo(mails);
    assertThat(consumer.records).isEqualTo(range(0, 10));
    assertThat(mailbox.violations()).isEmpty();
  }

  @Test
  void recordsPutBetweenMailsAreDeliveredAfterTheRemainderOfTheCurrentBatch() throws Exception {
    FeedbackChannel<Integer> channel = new FeedbackChannel<>();
    QueueingMailboxExecutor mailbox = new QueueingMailboxExecutor();
    RecordingConsumer consumer = new RecordingConsumer();
    channel.registerConsumer(consumer, mailbox, 2);

    channel.put(1);
    channel.put(2);
    channel.put(3);
    mailbox.runOne();
    assertThat(consumer.records).containsExactly(1, 2);

    channel.put(4);
    channel.put(5);
    assertThat(mailbox.queued()).as("still exactly one drain mail").isEqualTo(1);
    mailbox.runAll();

    assertThat(consumer.records).containsExactly(1, 2, 3, 4, 5);
    assertThat(mailbox.violations()).isEmpty();
  }

  @Test
  void aConsumerPuttingIntoItsOwnChannelGetsTheRecordInALaterMail() throws Exception {
    FeedbackChannel<Integer> channel = new FeedbackChannel<>();
    QueueingMailboxExecutor mailbox = new QueueingMailboxExecutor();
    List<Integer> seen = new ArrayList<>();
    channel.registerConsumer(
        record -> {
          seen.add(record);
          if (record < 3) {
            channel.put(record + 1);
          }
        },
        mailbox,
        100);

    channel.put(0);
    int mails = mailbox.runAll();

    assertThat(seen).containsExactly(0, 1, 2, 3);
    assertThat(mails).isEqualTo(4);
    assertThat(mailbox.violations()).isEmpty();
  }

  @Test
  void exactlyOneDrainMailIsOutstandingHoweverManyPutsHappen() throws Exception {
    FeedbackChannel<Integer> channel = new FeedbackChannel<>();
    QueueingMailboxExecutor mailbox = new QueueingMailboxExecutor();
    RecordingConsumer consumer = new RecordingConsumer();
    channel.registerConsumer(consumer, mailbox, 7);

    for (int i = 0; i < 1_000; i++) {
      channel.put(i);
    }
    assertThat(mailbox.submitted()).isEqualTo(1);
    assertThat(mailbox.queued()).isEqualTo(1);

    // While draining, each mail schedules at most its own successor.
    while (mailbox.queued() > 0) {
      int submittedBefore = mailbox.submitted();
      mailbox.runOne();
      assertThat(mailbox.submitted() - submittedBefore).isBetween(0, 1);
      assertThat(mailbox.queued()).isLessThanOrEqualTo(1);
    }

    assertThat(consumer.records).isEqualTo(range(0, 1_000));
    assertThat(mailbox.submitted()).isEqualTo((1_000 + 6) / 7);
    assertThat(mailbox.violations()).isEmpty();
  }

  @Test
  void deliveryFollowsPutOrderAcrossManyPutsFromAnotherThread() throws Exception {
    final int count = 200_000;
    FeedbackChannel<Integer> channel = new FeedbackChannel<>();
    QueueingMailboxExecutor mailbox = new QueueingMailboxExecutor();
    RecordingConsumer consumer = new RecordingConsumer();
    channel.registerConsumer(consumer, mailbox, 64);

    AtomicReference<Throwable> producerFailure = new AtomicReference<>();
    Thread producer =
        new Thread(
            () -> {
              try {
                for (int i = 0; i < count; i++) {
                  channel.put(i);
                }
              } catch (Throwable t) {
                producerFailure.set(t);
              }
            },
            "feedback-producer");
    producer.start();

    // This thread plays the mailbox thread while the producer is still putting.
    while (consumer.records.size() < count) {
      assertThat(mailbox.awaitAndRunOne(60))
          .as(
              "a drain mail arrives while records are undelivered (%s delivered so far)",
              consumer.records.size())
          .isTrue();
    }
    producer.join();

    assertThat(producerFailure.get()).isNull();
    assertThat(consumer.records).hasSize(count);
    for (int i = 0; i < count; i++) {
      if (consumer.records.get(i) != i) {
        throw new AssertionError(
            "record " + i + " delivered out of order: got " + consumer.records.get(i));
      }
    }
    assertThat(mailbox.runAll()).as("no drain mail is left once everything is delivered").isZero();
    assertThat(consumer.records).hasSize(count);
    assertThat(mailbox.violations()).isEmpty();
  }

  @Test
  void afterCloseNothingIsDelivered() throws Exception {
    FeedbackChannel<Integer> channel = new FeedbackChannel<>();
    QueueingMailboxExecutor mailbox = new QueueingMailboxExecutor();
    RecordingConsumer consumer = new RecordingConsumer();
    channel.registerConsumer(consumer, mailbox, 10);

    channel.put(1);
    channel.put(2);
    assertThat(mailbox.queued()).isEqualTo(1);

    channel.close();
    mailbox.runAll();
    channel.put(3);
    mailbox.runAll();

    assertThat(consumer.records).isEmpty();
    assertThat(consumer.batchEnds).isZero();
  }

  @Test
  void closeStopsDeliveryBetweenBatches() throws Exception {
    FeedbackChannel<Integer> channel = new FeedbackChannel<>();
    QueueingMailboxExecutor mailbox = new QueueingMailboxExecutor();
    RecordingConsumer consumer = new RecordingConsumer();
    channel.registerConsumer(consumer, mailbox, 2);
    for (int i = 0; i < 6; i++) {
      channel.put(i);
    }

    mailbox.runOne();
    channel.close();
    mailbox.runAll();

    assertThat(consumer.records).containsExactly(0, 1);
  }

  @Test
  void closingBeforeTheConsumerRegistersDropsPendingRecords() throws Exception {
    FeedbackChannel<Integer> channel = new FeedbackChannel<>();
    QueueingMailboxExecutor mailbox = new QueueingMailboxExecutor();
    RecordingConsumer consumer = new RecordingConsumer();
    channel.put(1);
    channel.close();

    channel.registerConsumer(consumer, mailbox, 10);
    mailbox.runAll();

    assertThat(consumer.records).isEmpty();
  }

  @Test
  void aRejectingMailboxDoesNotMakePutThrow() {
    FeedbackChannel<Integer> channel = new FeedbackChannel<>();
    QueueingMailboxExecutor mailbox = new QueueingMailboxExecutor();
    RecordingConsumer consumer = new RecordingConsumer();
    channel.registerConsumer(consumer, mailbox, 10);
    mailbox.rejectFromNowOn();

    assertThatCode(
            () -> {
              for (int i = 0; i < 100; i++) {
                channel.put(i);
              }
            })
        .doesNotThrowAnyException();
    assertThat(mailbox.rejected()).isGreaterThanOrEqualTo(1);
    assertThat(consumer.records).isEmpty();
  }

  @Test
  void aRejectingMailboxDoesNotMakeRegistrationThrow() throws Exception {
    FeedbackChannel<Integer> channel = new FeedbackChannel<>();
    QueueingMailboxExecutor mailbox = new QueueingMailboxExecutor();
    mailbox.rejectFromNowOn();
    channel.put(1);

    assertThatCode(() -> channel.registerConsumer(new RecordingConsumer(), mailbox, 10))
        .doesNotThrowAnyException();
    assertThat(mailbox.rejected()).isEqualTo(1);
  }

  @Test
  void aRejectionWhileReschedulingFromADrainMailDoesNotFailTheMail() throws Exception {
    FeedbackChannel<Integer> channel = new FeedbackChannel<>();
    QueueingMailboxExecutor mailbox = new QueueingMailboxExecutor();
    RecordingConsumer consumer = new RecordingConsumer();
    channel.registerConsumer(consumer, mailbox, 1);
    channel.put(1);
    channel.put(2);

    mailbox.rejectFromNowOn();
    assertThatCode(mailbox::runOne).doesNotThrowAnyException();

    assertThat(consumer.records).containsExactly(1);
    assertThat(mailbox.rejected()).isEqualTo(1);
    assertThatCode(() -> channel.put(3)).doesNotThrowAnyException();
  }
}
