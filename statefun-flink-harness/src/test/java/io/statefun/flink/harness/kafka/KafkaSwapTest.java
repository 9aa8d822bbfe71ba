package io.statefun.flink.harness.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.flink.harness.Harness;
import io.statefun.flink.harness.HarnessJob;
import io.statefun.sdk.Address;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.io.IngressIdentifier;
import io.statefun.sdk.io.Router;
import io.statefun.sdk.kafka.KafkaEgressBuilder;
import io.statefun.sdk.kafka.KafkaIngressBuilder;
import io.statefun.sdk.kafka.routable.RoutableKafkaIngressBuilder;
import io.statefun.sdk.kafka.routable.RoutableKafkaRecord;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * A module written against Kafka IO runs on the harness without a broker: its Kafka ingresses
 * (plain and routable) are replaced by generated ones and its Kafka egress by a collecting one, by
 * identifier. The module's Kafka address points nowhere, so any use of Kafka would fail the run.
 */
class KafkaSwapTest {
  static final String NS = "harness-kafka";
  static final IngressIdentifier<String> NAMES = new IngressIdentifier<>(String.class, NS, "names");
  static final IngressIdentifier<RoutableKafkaRecord> ROUTED =
      new IngressIdentifier<>(RoutableKafkaRecord.class, NS, "routed");
  static final EgressIdentifier<String> GREETINGS =
      new EgressIdentifier<>(NS, "greetings", String.class);
  static final FunctionType GREETER = new FunctionType(NS, "greeter");
  static final String NOWHERE = "127.0.0.1:1";

  private static final Queue<String> COLLECTED = new ConcurrentLinkedQueue<>();

  static final class GreeterModule implements StatefulFunctionModule, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public void configure(Map<String, String> globalConfig, Binder binder) {
      binder.bindIngress(
          KafkaIngressBuilder.forIdentifier(NAMES)
              .withKafkaAddress(NOWHERE)
              .withTopic("names")
              .withDeserializer(record -> new String(record.value(), StandardCharsets.UTF_8))
              .build());
      binder.bindIngressRouter(NAMES, new ByName());
      RoutableKafkaIngressBuilder.forIdentifier(ROUTED)
          .withKafkaAddress(NOWHERE)
          .withRoute("routed-names", GREETER)
          .bindTo(binder);
      binder.bindFunctionProvider(
          GREETER,
          type ->
              (context, input) ->
                  context.send(GREETINGS, "hello " + context.self().id() + " (" + input + ")"));
      binder.bindEgress(
          KafkaEgressBuilder.forIdentifier(GREETINGS)
              .withKafkaAddress(NOWHERE)
              .withSerializer(
                  greeting ->
                      new ProducerRecord<>("greetings", greeting.getBytes(StandardCharsets.UTF_8)))
              .withExactlyOnceProducerSemantics()
              .build());
    }
  }

  static final class ByName implements Router<String>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public void route(String name, Downstream<String> downstream) {
      downstream.forward(new Address(GREETER, name), "plain");
    }
  }

  @Test
  void kafkaIngressesAndEgressAreSwappedByIdentifier() throws Exception {
    COLLECTED.clear();
    try (HarnessJob job =
        new Harness()
            .withParallelism(2)
            .withServiceLoaderModules(false)
            .withModule(new GreeterModule())
            .withCheckpointInterval(Duration.ofSeconds(1))
            .withGeneratedIngress(NAMES, 3, index -> "name-" + index)
            .withGeneratedIngress(
                ROUTED,
                2,
                index -> new RoutableKafkaRecord("routed-names", "routed-" + index, index))
            .withConsumingEgress(GREETINGS, greeting -> COLLECTED.add(greeting))
            .startAsync()) {
      job.awaitCondition(() -> COLLECTED.size() >= 5, Duration.ofSeconds(90));
    } catch (TimeoutException e) {
      throw new AssertionError("greetings collected: " + COLLECTED, e);
    }

    List<String> greetings = new ArrayList<>(COLLECTED);
    assertThat(greetings)
        .containsExactlyInAnyOrder(
            "hello name-0 (plain)",
            "hello name-1 (plain)",
            "hello name-2 (plain)",
            "hello routed-0 (0)",
            "hello routed-1 (1)");
  }
}
