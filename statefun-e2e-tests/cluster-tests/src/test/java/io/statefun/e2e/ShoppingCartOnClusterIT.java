package io.statefun.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.e2e.cluster.Await;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * The shopping cart's application jar on a standalone Flink session cluster with a Kafka broker:
 * submitted through the REST API with its Kafka address, catalog and cart timeout as {@code
 * --statefun.module.global-config.*} arguments, fed a script of commands (half before the job
 * starts, half while it runs), and its receipts and events read with {@code read_committed} and
 * compared exactly.
 *
 * <p>The script keeps the outcome independent of timing: commands are keyed by user (restocks by
 * item), so each cart sees its own commands in order, and no two customers compete for the same
 * stock where a refusal or an available count is reported. One cart is left untouched and must be
 * abandoned by its (processing-time) timeout on the cluster.
 */
class ShoppingCartOnClusterIT extends OnClusterTestBase {
  private static final String COMMANDS_TOPIC = "shop-commands";
  private static final String RECEIPTS_TOPIC = "shop-receipts";
  private static final String EVENTS_TOPIC = "shop-events";
  private static final String CATALOG =
      "apple:50:10,bread:250:10,milk:120:10,cheese:440:10,coffee:690:3,flour:100:5";
  private static final String CART_TIMEOUT_MS = "10000";

  /** Produced before the job starts; every cart but carol's ends up empty. */
  private static final List<String> BEFORE_START =
      List.of(
          "add alice apple 2",
          "add dave coffee 5",
          "add carol cheese 1",
          "remove alice apple 1",
          "restock flour 5",
          "add alice milk 1",
          "checkout alice");

  /** Produced once every task runs. */
  private static final List<String> WHILE_RUNNING =
      List.of(
          "add bob bread 1",
          "remove bob bread 5",
          "checkout bob",
          "add dave coffee 2",
          "checkout dave",
          "add alice bread 2",
          "checkout alice",
          "restock kiwi 3");

  private static final List<String> EXPECTED_RECEIPTS =
      List.of(
          "receipt alice-1 for alice: 1 apple at 0.50, 1 milk at 1.20; total 1.70",
          "receipt alice-2 for alice: 2 bread at 2.50; total 5.00",
          "receipt dave-1 for dave: 2 coffee at 6.90; total 13.80");

  /** Each subject's events, in the order it must emit them. */
  private static final Map<String, List<String>> EXPECTED_EVENTS = new LinkedHashMap<>();

  static {
    EXPECTED_EVENTS.put(
        "cart alice",
        List.of(
            "cart alice: reserved 2 apple",
            "cart alice: released 1 apple",
            "cart alice: reserved 1 milk",
            "cart alice: reserved 2 bread"));
    EXPECTED_EVENTS.put(
        "cart bob",
        List.of(
            "cart bob: reserved 1 bread",
            "cart bob: released 1 bread",
            "cart bob: nothing to check out"));
    EXPECTED_EVENTS.put(
        "cart carol",
        List.of("cart carol: reserved 1 cheese", "cart carol: abandoned, released 1 cheese"));
    EXPECTED_EVENTS.put(
        "cart dave",
        List.of("cart dave: cannot reserve 5 coffee, 3 available", "cart dave: reserved 2 coffee"));
    EXPECTED_EVENTS.put("stock flour", List.of("stock flour: restocked 5, 10 available"));
    EXPECTED_EVENTS.put("stock kiwi", List.of("stock kiwi: not in the catalog, restock ignored"));
  }

  ShoppingCartOnClusterIT() {
    super("shopping-cart", "shopping-cart.app.jar");
  }

  @Test
  void checksOutAbandonsAndRefusesExactlyAsScripted() throws Exception {
    broker.createTopic(COMMANDS_TOPIC, 2);
    broker.createTopic(RECEIPTS_TOPIC, 2);
    // One partition: each subject's events can be checked in the order they were sent.
    broker.createTopic(EVENTS_TOPIC, 1);
    produce(BEFORE_START);

    long start = System.nanoTime();
    runAndAwaitRunning(
        "shopping-cart",
        2,
        null,
        List.of(
            "--statefun.flink-job-name",
            "shopping-cart",
            "--statefun.module.global-config.kafka-address",
            broker.bootstrapServers(),
            "--statefun.module.global-config.catalog",
            CATALOG,
            "--statefun.module.global-config.cart-timeout-ms",
            CART_TIMEOUT_MS,
            "--pipeline.max-parallelism",
            "64"));
    figures.record("shopping-cart: job submission (REST run until every task runs)", since(start));
    produce(WHILE_RUNNING);

    List<String> expectedEvents = EXPECTED_EVENTS.values().stream().flatMap(List::stream).toList();
    Await.until(
        "every receipt and event committed",
        JOB_TIMEOUT,
        () -> {
          int receipts = readCommitted(RECEIPTS_TOPIC).size();
          int events = readCommitted(EVENTS_TOPIC).size();
          return receipts >= EXPECTED_RECEIPTS.size() && events >= expectedEvents.size()
              ? null
              : receipts + " receipts, " + events + " events committed";
        });
    figures.record("shopping-cart: submission until the last output committed", since(start));
    Thread.sleep(3000); // a few more checkpoints: anything extra would be committed by now

    assertThat(readCommitted(RECEIPTS_TOPIC))
        .containsExactlyInAnyOrderElementsOf(EXPECTED_RECEIPTS);
    List<String> events = readCommitted(EVENTS_TOPIC);
    assertThat(events).containsExactlyInAnyOrderElementsOf(expectedEvents);
    EXPECTED_EVENTS.forEach(
        (subject, expected) ->
            assertThat(events.stream().filter(e -> e.startsWith(subject + ": ")).toList())
                .as("events of %s, in order", subject)
                .containsExactlyElementsOf(expected));
  }

  /** Keyed by user, or by item for a restock, so that each one's commands stay in order. */
  private void produce(List<String> commands) {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (String command : commands) {
      String key = command.split(" ")[1];
      records.add(new ProducerRecord<>(COMMANDS_TOPIC, utf8(key), utf8(command)));
    }
    broker.produce(records);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
