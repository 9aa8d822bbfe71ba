import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.flink.harness.Harness;
import io.statefun.flink.harness.HarnessJob;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/** The Kafka page's module runs on the harness without a broker, as the page says. */
class KafkaSnippetIT {
  private static final ConcurrentLinkedQueue<String> GREETINGS = new ConcurrentLinkedQueue<>();

  @Test
  void theKafkaGreeterRunsWithItsKafkaIoSwappedByIdentifier() throws Exception {
    GREETINGS.clear();
    Harness harness =
        new Harness()
            .withServiceLoaderModules(false)
            .withModule(new KafkaGreeterModule())
            .withParallelism(2)
            .withGeneratedIngress(KafkaGreeterModule.NAMES, 4, i -> i % 2 == 0 ? "Ada" : "Bob")
            .withConsumingEgress(KafkaGreeterModule.GREETINGS, greeting -> GREETINGS.add(greeting));
    try (HarnessJob job = harness.startAsync()) {
      job.awaitCondition(() -> GREETINGS.size() >= 4, Duration.ofSeconds(120));
    }
    assertThat(GREETINGS)
        .containsExactlyInAnyOrder(
            "Hello Ada, visit #1",
            "Hello Ada, visit #2",
            "Hello Bob, visit #1",
            "Hello Bob, visit #2");
  }
}
