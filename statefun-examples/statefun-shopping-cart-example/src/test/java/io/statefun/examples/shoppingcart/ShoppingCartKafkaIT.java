package io.statefun.examples.shoppingcart;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.examples.shoppingcart.kafka.ShopKafka;
import io.statefun.flink.harness.Harness;
import io.statefun.flink.harness.HarnessJob;
import io.statefun.kafka.testkit.KafkaBroker;
import io.statefun.kafka.testkit.ListeningSockets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.IsolationLevel;
import org.junit.jupiter.api.Test;

/**
 * The module as a cluster runs it: its own Kafka ingress and exactly-once egresses, against a real
 * broker in this JVM. Commands are keyed by user, so each user's commands stay in one partition, in
 * order.
 */
class ShoppingCartKafkaIT {
  private static final Path DIR = Path.of("target", "shopping-cart-kafka-it");

  @Test
  void readsCommandsFromKafkaAndWritesCommittedReceiptsAndEvents() throws Exception {
    try (KafkaBroker broker = new KafkaBroker(DIR.resolve("broker")).start()) {
      broker.createTopic(ShopKafka.COMMANDS_TOPIC, 2);
      broker.createTopic(ShopKafka.RECEIPTS_TOPIC, 1);
      broker.createTopic(ShopKafka.EVENTS_TOPIC, 1);
      for (String command :
          List.of(
              "add alice apple 2",
              "add bob bread 1",
              "remove alice apple 1",
              "add alice milk 1",
              "checkout alice",
              "checkout bob",
              "add carol cheese 1")) {
        broker.produce(ShopKafka.COMMANDS_TOPIC, command.split(" ")[1], command);
      }

      Harness harness =
          new Harness()
              .withParallelism(2)
              .withCheckpointInterval(Duration.ofMillis(500))
              .withConfiguration(
                  "statefun.module.global-config." + ShoppingCartModule.KAFKA_ADDRESS_KEY,
                  broker.bootstrapServers())
              .withConfiguration(
                  "statefun.module.global-config.catalog",
                  "apple:50:10,bread:250:10,milk:120:10,cheese:440:10")
              .withConfiguration("rest.bind-address", "127.0.0.1")
              .withConfiguration("rest.address", "127.0.0.1")
              .withConfiguration("jobmanager.bind-host", "127.0.0.1")
              .withConfiguration("taskmanager.bind-host", "127.0.0.1")
              .withConfiguration("taskmanager.host", "127.0.0.1");
      List<String> expectedReceipts =
          List.of(
              "receipt alice-1 for alice: 1 apple at 0.50, 1 milk at 1.20; total 1.70",
              "receipt bob-1 for bob: 1 bread at 2.50; total 2.50");
      List<String> expectedEvents =
          List.of(
              "cart alice: reserved 2 apple",
              "cart alice: released 1 apple",
              "cart alice: reserved 1 milk",
              "cart bob: reserved 1 bread",
              "cart carol: reserved 1 cheese");
      try (HarnessJob job = harness.startAsync()) {
        job.awaitCondition(
            () ->
                committed(broker, ShopKafka.RECEIPTS_TOPIC).size() >= expectedReceipts.size()
                    && committed(broker, ShopKafka.EVENTS_TOPIC).size() >= expectedEvents.size(),
            Duration.ofSeconds(120));
        assertThat(ListeningSockets.nonLoopback())
            .as("listeners on a non-loopback address")
            .isEmpty();
        Thread.sleep(1500); // a few more checkpoints: anything extra would be committed now
      }
      assertThat(committed(broker, ShopKafka.RECEIPTS_TOPIC))
          .containsExactlyInAnyOrderElementsOf(expectedReceipts);
      // One partition, and each cart's events in the order the cart sent them.
      List<String> events = committed(broker, ShopKafka.EVENTS_TOPIC);
      assertThat(events).containsExactlyInAnyOrderElementsOf(expectedEvents);
      assertThat(events.stream().filter(e -> e.startsWith("cart alice")).toList())
          .containsExactly(
              "cart alice: reserved 2 apple",
              "cart alice: released 1 apple",
              "cart alice: reserved 1 milk");
    }
  }

  private static List<String> committed(KafkaBroker broker, String topic) {
    return broker.readAllValues(topic, IsolationLevel.READ_COMMITTED);
  }
}
