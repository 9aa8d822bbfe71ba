package io.statefun.kafka.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.utils.Exit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KafkaBrokerTest {
  private static KafkaBroker broker;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = new KafkaBroker(Path.of("target", "kafka-broker-test")).start();
    System.out.println("broker started in " + broker.startTime().toMillis() + " ms");
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void writesAndReadsRecordsOfEveryPartitionInOffsetOrder() {
    broker.createTopic("plain", 2);
    broker.produce(
        List.of(
            record("plain", 1, "b", "b-0"),
            record("plain", 0, "a", "a-0"),
            record("plain", 1, "b", "b-1"),
            record("plain", 0, "a", "a-1")));

    List<ConsumerRecord<byte[], byte[]>> records =
        broker.readAll("plain", IsolationLevel.READ_COMMITTED);

    assertThat(records)
        .extracting(r -> r.partition() + ":" + r.offset() + ":" + text(r.value()))
        .containsExactly("0:0:a-0", "0:1:a-1", "1:0:b-0", "1:1:b-1");
  }

  @Test
  void readCommittedSkipsAbortedRecordsThatReadUncommittedShows() throws Exception {
    broker.createTopic("transactional", 1);
    try (KafkaProducer<byte[], byte[]> producer =
        broker.producer(Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "testkit-tx"))) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(record("transactional", 0, "k", "aborted"));
      producer.flush();
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(record("transactional", 0, "k", "committed"));
      producer.commitTransaction();
    }

    // The commit's markers reach the partition after commitTransaction returns: until then the
    // partition's read-committed end (its last stable offset) stays before the records.
    awaitCommitted("transactional", 1);
    assertThat(broker.readAllValues("transactional", IsolationLevel.READ_COMMITTED))
        .containsExactly("committed");
    assertThat(broker.readAllValues("transactional", IsolationLevel.READ_UNCOMMITTED))
        .containsExactly("aborted", "committed");
  }

  @Test
  void listensOnLoopbackOnly() {
    assertThat(broker.bootstrapServers()).startsWith("127.0.0.1:");
    assertThat(ListeningSockets.ofThisProcess())
        .extracting(address -> address.getPort())
        .containsAll(broker.ports());
    assertThat(ListeningSockets.nonLoopback()).isEmpty();
  }

  @Test
  void aChosenPortTakenBeforeTheBrokerBindsItIsChosenAgain() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      // The first choice is a port another process holds (as one may take a port between the
      // choice and the broker's bind); every later choice is free.
      AtomicInteger choices = new AtomicInteger();
      KafkaBroker.PortChooser ports =
          () -> choices.getAndIncrement() == 0 ? taken.getLocalPort() : freePort();
      try (KafkaBroker second =
          new KafkaBroker(Path.of("target", "kafka-broker-test-taken-port"))
              .withPorts(ports)
              .start()) {
        assertThat(second.ports()).doesNotContain(taken.getLocalPort());
        assertThat(choices.get()).as("ports chosen: two for each of two starts").isEqualTo(4);
        second.createTopic("after-retry", 1);
        second.produce("after-retry", "k", "v");
        assertThat(second.readAllValues("after-retry", IsolationLevel.READ_COMMITTED))
            .containsExactly("v");
      }
    }
  }

  private static void awaitCommitted(String topic, int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (broker.readAll(topic, IsolationLevel.READ_COMMITTED).size() < count) {
      assertThat(System.nanoTime())
          .as("%d committed records in %s within 60 s", count, topic)
          .isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return socket.getLocalPort();
    }
  }

  @Test
  void aBrokerHaltThrowsInsteadOfEndingTheJvm() {
    assertThatThrownBy(() -> Exit.halt(1, "fatal fault"))
        .isInstanceOf(ExitGuard.BrokerFaultException.class)
        .hasMessageContaining("halt")
        .hasMessageContaining("fatal fault");
  }

  @Test
  void readingAMissingTopicNamesIt() {
    assertThatThrownBy(() -> broker.readAll("no-such-topic", IsolationLevel.READ_COMMITTED))
        .hasMessageContaining("no-such-topic");
  }

  private static ProducerRecord<byte[], byte[]> record(
      String topic, int partition, String key, String value) {
    return new ProducerRecord<>(
        topic,
        partition,
        key.getBytes(StandardCharsets.UTF_8),
        value.getBytes(StandardCharsets.UTF_8));
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
