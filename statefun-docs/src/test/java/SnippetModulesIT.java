import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.flink.harness.Harness;
import io.statefun.flink.harness.HarnessJob;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/** The modules the pages show run on the harness as the pages say. */
class SnippetModulesIT {
  // Egress consumers run on deserialized copies inside the job: collect into static queues.
  private static final ConcurrentLinkedQueue<Receipt> RECEIPTS = new ConcurrentLinkedQueue<>();
  private static final ConcurrentLinkedQueue<String> ALERTS = new ConcurrentLinkedQueue<>();

  @Test
  void everyCartChecksOutWhatItReserved() throws Exception {
    RECEIPTS.clear();
    // Ten carts, five commands each (four adds, then a checkout); ShopModule is found by the
    // ServiceLoader (src/test/resources/META-INF/services).
    Harness harness =
        new Harness()
            .withParallelism(2)
            .withCheckpointInterval(Duration.ofMillis(500))
            .withGeneratedIngress(ShopIO.COMMANDS, 50, ShopModule::commandAt)
            .withConsumingEgress(ShopIO.RECEIPTS, receipt -> RECEIPTS.add(receipt));
    try (HarnessJob job = harness.startAsync()) {
      job.awaitCondition(() -> RECEIPTS.size() >= 10, Duration.ofSeconds(120));
    }
    Map<String, Integer> fourItems = Map.of("sku-0", 1, "sku-1", 1, "sku-2", 1, "sku-3", 1);
    assertThat(RECEIPTS)
        .hasSize(10)
        .allSatisfy(receipt -> assertThat(receipt.items()).isEqualTo(fourItems))
        .extracting(Receipt::cartId)
        .doesNotHaveDuplicates();
  }

  @Test
  void aFlinkDataGeneratorFeedsTheSensorsThroughTheRealSource() throws Exception {
    ALERTS.clear();
    Harness harness =
        new Harness()
            .withServiceLoaderModules(false)
            .withModule(new SensorModule())
            .withParallelism(2)
            .withConsumingEgress(SensorModule.ALERTS, alert -> ALERTS.add(alert));
    try (HarnessJob job = harness.startAsync()) {
      job.awaitCondition(() -> ALERTS.size() >= 20, Duration.ofSeconds(120));
    }
    assertThat(ALERTS).allMatch(alert -> alert.matches("sensor-\\d reached [0-9.]+ °C"));
  }
}
