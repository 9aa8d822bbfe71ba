package io.statefun.flink.io.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.kafka.testkit.KafkaBroker;
import io.statefun.kafka.testkit.ListeningSockets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Exactly-once from a Kafka topic through a cycle of functions to a transactional Kafka egress, on
 * a real broker: across injected failures while transactions are open, and across
 * stop-with-savepoint and a restore at another parallelism.
 */
class KafkaExactlyOnceIT {
  private static final Path DIR = Path.of("target", "kafka-exactly-once-it");
  private static final int IDS = 20;
  private static final int SEQS = 60;
  private static final int SEQS_PER_ROUND = 5;
  private static final Duration CHECKPOINTS = Duration.ofMillis(300);
  private static final Duration TRANSACTION_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration OUTPUT_TIMEOUT = Duration.ofMinutes(3);

  private static KafkaBroker broker;

  @BeforeAll
  static void startBroker() {
    broker = new KafkaBroker(DIR.resolve("broker")).start();
    System.out.println("[kafka-it] broker start " + broker.startTime().toMillis() + " ms");
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void failuresWhileTransactionsAreOpenLeaveEveryRecordOnceForReadCommitted(String backend)
      throws Exception {
    String in = "eo-in-" + backend;
    String out = "eo-out-" + backend;
    broker.createTopic(in, 2);
    broker.createTopic(out, 2);
    // Two failures, at deterministic records mid-stream, each after output of the open
    // checkpoint was sent.
    Set<String> failurePoints = Set.of("id-3:20", "id-11:45");
    Configuration config =
        KafkaJobs.restarting(KafkaJobs.config(2, backend, CHECKPOINTS, DIR.resolve(backend)), 5);
    CycleModule module =
        new CycleModule(broker.bootstrapServers(), in, out, TRANSACTION_TIMEOUT, failurePoints);

    long begin = System.nanoTime();
    try (KafkaJobs.RunningJob job = KafkaJobs.start(config, module, "kafka-eo-" + backend)) {
      for (int from = 0; from < SEQS; from += SEQS_PER_ROUND) {
        broker.produce(input(in, from, from + SEQS_PER_ROUND));
        Thread.sleep(250);
      }
      assertThat(ListeningSockets.nonLoopback())
          .as("listeners on a non-loopback address")
          .isEmpty();
      job.await(
          () -> broker.readAll(out, IsolationLevel.READ_COMMITTED).size() >= IDS * SEQS,
          OUTPUT_TIMEOUT,
          "all " + IDS * SEQS + " output records committed");
      Thread.sleep(CHECKPOINTS.multipliedBy(3).toMillis());

      List<String> committed = broker.readAllValues(out, IsolationLevel.READ_COMMITTED);
      List<String> uncommitted = broker.readAllValues(out, IsolationLevel.READ_UNCOMMITTED);
      assertThat(CycleModule.fired(in, failurePoints)).as("failures injected").isEqualTo(2);
      assertThat(committed).containsExactlyInAnyOrderElementsOf(expected(0, SEQS));
      assertThat(uncommitted.size())
          .as("read_uncommitted shows the aborted duplicates")
          .isGreaterThan(committed.size());
      assertThat(duplicates(uncommitted)).isNotEmpty();
      System.out.printf(
          "[kafka-it] exactly-once %s: input %d, failures %d, committed %d (duplicates %d),"
              + " uncommitted %d (duplicates %d), %d ms%n",
          backend,
          IDS * SEQS,
          CycleModule.fired(in, failurePoints),
          committed.size(),
          duplicates(committed).size(),
          uncommitted.size(),
          uncommitted.size() - Set.copyOf(uncommitted).size(),
          (System.nanoTime() - begin) / 1_000_000);
    }
  }

  @Test
  void stopWithSavepointAndRestoreAtParallelismThreeKeepsEveryRecordOnce() throws Exception {
    String in = "sp-in";
    String out = "sp-out";
    broker.createTopic(in, 2);
    broker.createTopic(out, 2);
    Path dir = DIR.resolve("savepoint");
    CycleModule module =
        new CycleModule(broker.bootstrapServers(), in, out, TRANSACTION_TIMEOUT, Set.of());
    int half = SEQS / 2;

    long begin = System.nanoTime();
    broker.produce(input(in, 0, half));
    String savepoint;
    try (KafkaJobs.RunningJob job =
        KafkaJobs.start(
            KafkaJobs.config(2, "rocksdb", CHECKPOINTS, dir.resolve("first")),
            module,
            "kafka-savepoint")) {
      job.await(
          () -> broker.readAll(out, IsolationLevel.READ_COMMITTED).size() >= IDS * half,
          OUTPUT_TIMEOUT,
          "the first half committed");
      savepoint = job.stopWithSavepoint(dir.resolve("savepoints"));
    }

    broker.produce(input(in, half, SEQS));
    Configuration restored = KafkaJobs.config(3, "rocksdb", CHECKPOINTS, dir.resolve("second"));
    restored.setString("execution.state-recovery.path", savepoint);
    try (KafkaJobs.RunningJob job = KafkaJobs.start(restored, module, "kafka-savepoint")) {
      job.await(
          () -> broker.readAll(out, IsolationLevel.READ_COMMITTED).size() >= IDS * SEQS,
          OUTPUT_TIMEOUT,
          "the second half committed");
      Thread.sleep(CHECKPOINTS.multipliedBy(3).toMillis());
      List<String> committed = broker.readAllValues(out, IsolationLevel.READ_COMMITTED);
      assertThat(committed).containsExactlyInAnyOrderElementsOf(expected(0, SEQS));
      System.out.printf(
          "[kafka-it] savepoint p2 -> p3: input %d, committed %d, uncommitted %d, %d ms%n",
          IDS * SEQS,
          committed.size(),
          broker.readAll(out, IsolationLevel.READ_UNCOMMITTED).size(),
          (System.nanoTime() - begin) / 1_000_000);
    }
  }

  private static List<ProducerRecord<byte[], byte[]>> input(String topic, int fromSeq, int toSeq) {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int seq = fromSeq; seq < toSeq; seq++) {
      for (int id = 0; id < IDS; id++) {
        String key = "id-" + id;
        records.add(
            new ProducerRecord<>(
                topic,
                key.getBytes(StandardCharsets.UTF_8),
                (key + ":" + seq).getBytes(StandardCharsets.UTF_8)));
      }
    }
    return records;
  }

  private static List<String> expected(int fromSeq, int toSeq) {
    List<String> expected = new ArrayList<>();
    for (int id = 0; id < IDS; id++) {
      for (int seq = fromSeq; seq < toSeq; seq++) {
        expected.add("id-" + id + ":" + seq + ":" + (seq + 1));
      }
    }
    return expected;
  }

  private static Map<String, Long> duplicates(List<String> values) {
    Map<String, Long> counts =
        values.stream()
            .collect(
                Collectors.groupingBy(Function.identity(), HashMap::new, Collectors.counting()));
    counts.values().removeIf(count -> count < 2);
    return counts;
  }
}
