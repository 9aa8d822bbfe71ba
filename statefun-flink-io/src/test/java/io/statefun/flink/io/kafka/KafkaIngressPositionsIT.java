package io.statefun.flink.io.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.kafka.testkit.KafkaBroker;
import io.statefun.kafka.testkit.ListeningSockets;
import io.statefun.sdk.kafka.KafkaProducerSemantic;
import io.statefun.sdk.kafka.routable.TypedRecordFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Kafka ingresses on a real broker: every start position (with its fallback), a topic pattern that
 * picks up a topic created while the job runs, a routable ingress, a poison record, and a broker
 * that refuses an exactly-once egress's transaction timeout.
 */
class KafkaIngressPositionsIT {
  private static final Path DIR = Path.of("target", "kafka-positions-it");
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  /** Below the exactly-once default of 10 minutes, so the broker refuses it. */
  private static final String BROKER_MAX_TRANSACTION_TIMEOUT_MS = "300000";

  private static KafkaBroker broker;

  @BeforeAll
  static void startBroker() {
    broker =
        new KafkaBroker(DIR.resolve("broker"))
            .withProperty("transaction.max.timeout.ms", BROKER_MAX_TRANSACTION_TIMEOUT_MS)
            .start();
    System.out.println("[kafka-it] broker start " + broker.startTime().toMillis() + " ms");
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void everyStartPositionPatternAndRoutableIngressReadWhatTheyShould() throws Exception {
    long now = System.currentTimeMillis();
    long dateMillis = now - Duration.ofMinutes(90).toMillis();
    prepareTopics(now);

    long begin = System.nanoTime();
    try (KafkaJobs.RunningJob job =
        KafkaJobs.start(
            KafkaJobs.config(2, "hashmap", Duration.ofMillis(500), DIR.resolve("positions")),
            new PositionsModule(broker.bootstrapServers(), dateMillis),
            "kafka-positions")) {
      job.await(
          () -> output().contains("pos-earliest:old-2"), TIMEOUT, "the earliest ingress read");
      broker.createTopic("pat-c", 1);
      broker.produce("pat-c", null, "pc-0");
      // Latest offsets are taken when a reader starts: write until records after it arrive.
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      for (int i = 0;
          !(hasRecordOf("pos-latest:new-") && hasRecordOf("pos-specific:s1-new-"));
          i++) {
        broker.produce("pos-latest", null, "new-" + i);
        broker.produce(
            List.of(
                new ProducerRecord<>(
                    "pos-specific", 1, null, ("s1-new-" + i).getBytes(StandardCharsets.UTF_8))));
        job.requireRunning();
        Thread.sleep(300);
        assertThat(System.nanoTime())
            .as("round %d of new records, and the latest readers saw none within %s", i, TIMEOUT)
            .isLessThan(deadline);
      }
      job.await(() -> output().contains("pat-c:pc-0"), TIMEOUT, "the new pattern topic read");
      assertThat(ListeningSockets.nonLoopback())
          .as("listeners on a non-loopback address")
          .isEmpty();

      List<String> output = output();
      assertThat(without(output, "pos-latest:new-", "pos-specific:s1-new-"))
          .containsExactlyInAnyOrder(
              "pos-earliest:old-0",
              "pos-earliest:old-1",
              "pos-earliest:old-2",
              "pos-group:g0-3",
              "pos-group:g0-4",
              "pos-group:g1-0",
              "pos-group:g1-1",
              "pos-specific:s0-2",
              "pos-specific:s0-3",
              "pos-date:after-0",
              "pos-date:after-1",
              "pat-a:pa-0",
              "pat-b:pb-0",
              "pat-c:pc-0",
              "routed:alice:String=hi",
              "routed:bob:Long=7");
      System.out.printf(
          "[kafka-it] positions: %d records read, %d ms%n",
          output.size(), (System.nanoTime() - begin) / 1_000_000);
    }
  }

  @Test
  void aPoisonRecordFailsTheJobNamingIngressTopicPartitionAndOffset() throws Exception {
    broker.createTopic("poison-in", 1);
    broker.createTopic("poison-out", 1);
    broker.produce("poison-in", null, "ok-0");
    broker.produce("poison-in", null, "ok-1");
    broker.produce("poison-in", null, "poison");

    try (KafkaJobs.RunningJob job =
        KafkaJobs.start(
            KafkaJobs.config(1, "hashmap", Duration.ofMillis(500), DIR.resolve("poison")),
            new FailingIoModule(
                broker.bootstrapServers(),
                "poison-in",
                "poison-out",
                KafkaProducerSemantic.atLeastOnce()),
            "kafka-poison")) {
      Throwable failure = job.awaitFailure(TIMEOUT);

      PoisonRecordException poison = causeOf(failure, PoisonRecordException.class);
      assertThat(poison.topic()).isEqualTo("poison-in");
      assertThat(poison.partition()).isZero();
      assertThat(poison.offset()).isEqualTo(2);
      assertThat(poison)
          .hasMessageContaining("Kafka ingress kafka-failing/in")
          .hasMessageContaining("topic poison-in, partition 0, offset 2")
          .hasMessageContaining("cannot read 'poison'");
    }
  }

  @Test
  void aBrokerRefusingTheTransactionTimeoutFailsNamingEgressOptionAndBrokerSetting()
      throws Exception {
    broker.createTopic("refused-in", 1);
    broker.createTopic("refused-out", 1);
    broker.produce("refused-in", null, "ok-0");

    try (KafkaJobs.RunningJob job =
        KafkaJobs.start(
            KafkaJobs.config(1, "hashmap", Duration.ofMillis(500), DIR.resolve("refused")),
            new FailingIoModule(
                broker.bootstrapServers(),
                "refused-in",
                "refused-out",
                KafkaProducerSemantic.exactlyOnce(
                    KafkaProducerSemantic.DEFAULT_TRANSACTION_TIMEOUT)),
            "kafka-refused")) {
      Throwable failure = job.awaitFailure(TIMEOUT);

      assertThat(causeOf(failure, TransactionTimeoutRefusedException.class))
          .hasMessageContaining("Kafka egress kafka-failing/out")
          .hasMessageContaining("PT10M")
          .hasMessageContaining("withExactlyOnceProducerSemantics(Duration)")
          .hasMessageContaining("transaction.max.timeout.ms");
    }
  }

  private static void prepareTopics(long now) throws Exception {
    for (String topic :
        List.of("pos-earliest", "pos-latest", "pos-date", "pat-a", "pat-b", "nopat-a", "routed")) {
      broker.createTopic(topic, 1);
    }
    broker.createTopic("pos-group", 2);
    broker.createTopic("pos-specific", 2);
    broker.createTopic(PositionsModule.OUT_TOPIC, 2);

    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      if (i < 2) {
        records.add(value("pos-earliest", null, "old-" + i));
      }
      records.add(value("pos-latest", null, "old-" + i));
    }
    for (int i = 0; i < 5; i++) {
      records.add(value("pos-group", 0, "g0-" + i));
    }
    records.add(value("pos-group", 1, "g1-0"));
    records.add(value("pos-group", 1, "g1-1"));
    for (int i = 0; i < 4; i++) {
      records.add(value("pos-specific", 0, "s0-" + i));
    }
    records.add(value("pos-specific", 1, "s1-0"));
    records.add(value("pos-specific", 1, "s1-1"));
    long twoHoursAgo = now - Duration.ofHours(2).toMillis();
    long oneHourAgo = now - Duration.ofHours(1).toMillis();
    for (int i = 0; i < 2; i++) {
      records.add(timed("pos-date", twoHoursAgo + i, "before-" + i));
    }
    for (int i = 0; i < 2; i++) {
      records.add(timed("pos-date", oneHourAgo + i, "after-" + i));
    }
    records.add(value("pat-a", null, "pa-0"));
    records.add(value("pat-b", null, "pb-0"));
    records.add(value("nopat-a", null, "not-matched"));
    records.add(routed("alice", TypedRecordFormat.encodeString("hi")));
    records.add(routed("bob", TypedRecordFormat.encodeLong(7)));
    broker.produce(records);
    // The ingress reads read_committed by default: an aborted record must never arrive.
    try (KafkaProducer<byte[], byte[]> producer =
        broker.producer(Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "positions-aborter"))) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(value("pos-earliest", null, "aborted-0")).get();
      producer.abortTransaction();
    }
    broker.produce(List.of(value("pos-earliest", null, "old-2")));

    try (Admin admin = broker.admin(Map.of())) {
      admin
          .alterConsumerGroupOffsets(
              PositionsModule.GROUP,
              Map.of(new TopicPartition("pos-group", 0), new OffsetAndMetadata(3)))
          .all()
          .get();
    }
  }

  private static ProducerRecord<byte[], byte[]> value(String topic, Integer partition, String v) {
    return new ProducerRecord<>(topic, partition, null, v.getBytes(StandardCharsets.UTF_8));
  }

  private static ProducerRecord<byte[], byte[]> timed(String topic, long timestamp, String v) {
    return new ProducerRecord<>(topic, 0, timestamp, null, v.getBytes(StandardCharsets.UTF_8));
  }

  private static ProducerRecord<byte[], byte[]> routed(String key, byte[] value) {
    return new ProducerRecord<>("routed", key.getBytes(StandardCharsets.UTF_8), value);
  }

  private static List<String> output() {
    return broker.readAllValues(PositionsModule.OUT_TOPIC, IsolationLevel.READ_COMMITTED);
  }

  private static boolean hasRecordOf(String prefix) {
    return output().stream().anyMatch(value -> value.startsWith(prefix));
  }

  /** Checks the records with these prefixes are only new ones, and leaves them out. */
  private static List<String> without(List<String> output, String... newPrefixes) {
    List<String> rest = new ArrayList<>(output);
    for (String prefix : newPrefixes) {
      List<String> news =
          output.stream().filter(v -> v.startsWith(prefix)).collect(Collectors.toList());
      assertThat(news).as("records of %s", prefix).isNotEmpty().doesNotHaveDuplicates();
      rest.removeAll(news);
    }
    return rest;
  }

  private static <E extends Throwable> E causeOf(Throwable failure, Class<E> type) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return type.cast(cause);
      }
    }
    throw new AssertionError("no " + type.getSimpleName() + " in the failure", failure);
  }
}
