package io.statefun.flink.core.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.flink.core.message.Message;
import io.statefun.flink.core.message.MessageSerializer;
import io.statefun.flink.core.message.PayloadSerializerKind;
import io.statefun.sdk.Address;
import io.statefun.sdk.FunctionType;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The channel with a memory budget: what does not fit is spilled to block files and comes back in
 * put order, across every boundary between memory and spill, with the checkpoint sentinel in its
 * place; memory stays within the budget; the files go when read back and when the channel closes.
 */
class FeedbackChannelSpillTest {
  /** Each record is 4 bytes serialized. */
  private static final int RECORD_BYTES = 4;

  @TempDir Path spillDir;

  private static final class IntCodec implements RecordCodec<Integer> {
    @Override
    public void write(Integer record, DataOutputView out) throws IOException {
      out.writeInt(record);
    }

    @Override
    public Integer read(DataInputView in) throws IOException {
      return in.readInt();
    }
  }

  private long spillFiles() throws IOException {
    try (Stream<Path> files = Files.list(spillDir)) {
      return files.count();
    }
  }

  private FeedbackChannel<Integer> channel(long budget) {
    FeedbackChannel<Integer> channel = new FeedbackChannel<>();
    channel.limitMemory(new IntCodec(), budget, spillDir.toFile());
    return channel;
  }

  @Test
  void recordsBeyondTheBudgetAreSpilledAndDeliveredAfterThoseInMemoryInPutOrder() throws Exception {
    FeedbackChannel<Integer> channel = channel(10 * RECORD_BYTES);
    QueueingMailboxExecutor mailbox = new QueueingMailboxExecutor();
    List<Integer> received = new ArrayList<>();

    for (int i = 0; i < 10_000; i++) {
      channel.put(i);
    }
    assertThat(channel.memoryBytes()).isEqualTo(10 * RECORD_BYTES);
    assertThat(channel.spillBytes()).isEqualTo((10_000 - 10) * RECORD_BYTES);
    assertThat(spillFiles()).as("full blocks are in files").isPositive();
    assertThat(channel.size()).isEqualTo(10_000);

    channel.registerConsumer(received::add, mailbox, 256, new IntCodec());
    mailbox.runAll();

    assertThat(received).hasSize(10_000);
    for (int i = 0; i < received.size(); i++) {
      assertThat(received.get(i)).as("record %s", i).isEqualTo(i);
    }
    assertThat(spillFiles()).as("every block file is deleted once read back").isZero();
    assertThat(channel.spillBytes()).isZero();
    assertThat(channel.memoryBytes()).isZero();
    assertThat(channel.size()).isZero();
    assertThat(channel.spilledBytesTotal()).isPositive();
  }

  @Test
  void onceSpillingEverythingIsSpilledUntilTheSpillIsTakenThenMemoryIsUsedAgain() throws Exception {
    FeedbackChannel<Integer> channel = channel(3 * RECORD_BYTES);
    QueueingMailboxExecutor mailbox = new QueueingMailboxExecutor();
    List<Integer> received = new ArrayList<>();
    channel.registerConsumer(received::add, mailbox, 2, new IntCodec());

    for (int i = 0; i < 5; i++) {
      channel.put(i); // 0..2 in memory, 3..4 spilled
    }
    mailbox.runOne(); // delivers 0, 1
    channel.put(5); // memory has room again, but the spill is not empty: 5 must follow 4
    assertThat(channel.spillBytes()).isEqualTo(3 * RECORD_BYTES);
    mailbox.runOne(); // 2, 3: takes the spill's block, which holds 3, 4, 5
    channel.put(6); // the consumer holds the whole spill: 6 goes to memory, after 4 and 5
    assertThat(channel.spillBytes()).isZero();
    assertThat(channel.memoryBytes()).isEqualTo(RECORD_BYTES);
    mailbox.runAll();

    assertThat(received).containsExactly(0, 1, 2, 3, 4, 5, 6);
  }

  @Test
  void theSentinelKeepsItsPlaceWhereverTheBoundaryFalls() throws Exception {
    Address target = new Address(new FunctionType("spill", "test"), "x");
    MessageSerializer producerSide =
        new MessageSerializer(PayloadSerializerKind.DEFAULT, new SerializerConfigImpl());
    int messageBytes = serializedSize(new Message(null, target, 0), producerSide);
    int room = messageBytes + 1; // a tag byte, then the message
    int sentinel = 9;
    // Memory ends: before message 2; before the sentinel; after it; after message 3.
    long[] budgets = {3L * room - 1, 3L * room, 3L * room + sentinel, 4L * room + sentinel};
    for (long budget : budgets) {
      FeedbackChannel<Object> channel = new FeedbackChannel<>();
      channel.limitMemory(new FeedbackRecordCodec(producerSide), budget, spillDir.toFile());
      List<Object> expected = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        if (i == 3) {
          channel.put(new CheckpointSentinel(42));
          expected.add("sentinel 42");
        }
        channel.put(new Message(null, target, i));
        expected.add(i);
      }
      assertThat(channel.memoryBytes()).isLessThanOrEqualTo(budget);
      assertThat(channel.spillBytes()).isPositive();
      QueueingMailboxExecutor mailbox = new QueueingMailboxExecutor();
      List<Object> received = new ArrayList<>();
      channel.registerConsumer(
          r ->
              received.add(
                  r instanceof CheckpointSentinel
                      ? "sentinel " + ((CheckpointSentinel) r).checkpointId()
                      : ((Message) r).payload()),
          mailbox,
          100,
          new FeedbackRecordCodec(
              new MessageSerializer(PayloadSerializerKind.DEFAULT, new SerializerConfigImpl())));
      mailbox.runAll();

      assertThat(received).as("with a budget of %s bytes", budget).isEqualTo(expected);
    }
  }

  private static int serializedSize(Message message, MessageSerializer serializer)
      throws IOException {
    org.apache.flink.core.memory.DataOutputSerializer out =
        new org.apache.flink.core.memory.DataOutputSerializer(64);
    serializer.serialize(message, out);
    return out.length();
  }

  @Test
  void aProducerOnAnotherThreadNeverWaitsAndOrderAndTheBudgetHold() throws Exception {
    final int count = 500_000;
    final long budget = 1_000 * RECORD_BYTES;
    FeedbackChannel<Integer> channel = channel(budget);
    QueueingMailboxExecutor mailbox = new QueueingMailboxExecutor();
    List<Integer> received = new ArrayList<>();
    AtomicLong maxMemory = new AtomicLong();
    channel.registerConsumer(
        record -> {
          received.add(record);
          maxMemory.accumulateAndGet(channel.memoryBytes(), Math::max);
          if ((record & 1023) == 0) {
            Thread.yield(); // a slow consumer, so that the producer gets ahead and spills
          }
        },
        mailbox,
        64,
        new IntCodec());

    AtomicReference<Throwable> producerFailure = new AtomicReference<>();
    Thread producer =
        new Thread(
            () -> {
              try {
                for (int i = 0; i < count; i++) {
                  channel.put(i);
                  maxMemory.accumulateAndGet(channel.memoryBytes(), Math::max);
                }
              } catch (Throwable t) {
                producerFailure.set(t);
              }
            },
            "feedback-producer");
    producer.start();
    while (received.size() < count) {
      assertThat(mailbox.awaitAndRunOne(60))
          .as("a drain mail arrives while records are undelivered (%s so far)", received.size())
          .isTrue();
    }
    producer.join();

    assertThat(producerFailure.get()).isNull();
    for (int i = 0; i < count; i++) {
      if (received.get(i) != i) {
        throw new AssertionError("record " + i + " delivered as " + received.get(i));
      }
    }
    assertThat(channel.spilledBytesTotal()).as("the producer got ahead").isPositive();
    assertThat(maxMemory.get()).isLessThanOrEqualTo(budget);
    assertThat(mailbox.runAll()).isZero();
    assertThat(spillFiles()).isZero();
    assertThat(mailbox.violations()).isEmpty();
  }

  @Test
  void closeDeletesTheSpillAndLaterPutsWriteNothing() throws Exception {
    FeedbackChannel<Integer> channel = channel(0);
    for (int i = 0; i < 10_000; i++) {
      channel.put(i);
    }
    assertThat(spillFiles()).isPositive();

    channel.close();
    assertThat(spillFiles()).isZero();
    for (int i = 0; i < 10_000; i++) {
      channel.put(i);
    }
    assertThat(spillFiles()).isZero();
    assertThat(channel.spillBytes()).isZero();
  }

  @Test
  void aSpillThatCannotBeWrittenFailsThePut() throws Exception {
    FeedbackChannel<Integer> channel = new FeedbackChannel<>();
    File missing = spillDir.resolve("does-not-exist").toFile();
    channel.limitMemory(new IntCodec(), 0, missing);

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> {
              for (int i = 0; i < 10_000; i++) {
                channel.put(i);
              }
            })
        .isInstanceOf(IOException.class)
        .hasMessageContaining("cannot spill feedback records");
  }
}
