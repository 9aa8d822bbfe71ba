package io.statefun.examples.greeter;

import io.statefun.sdk.kafka.KafkaEgressBuilder;
import io.statefun.sdk.kafka.KafkaEgressSerializer;
import io.statefun.sdk.kafka.KafkaIngressBuilder;
import io.statefun.sdk.kafka.KafkaIngressDeserializer;
import io.statefun.sdk.kafka.KafkaIngressStartupPosition;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Binds the greeter. Found by the {@link java.util.ServiceLoader} (see {@code META-INF/services}).
 *
 * <p>Reads visitor names (UTF-8 record values) from the Kafka topic {@code names-topic} and writes
 * greetings, keyed by name, to {@code greetings-topic}, exactly once. Global configuration ({@code
 * statefun.module.global-config.<key>}): {@code kafka-address} (default {@code 127.0.0.1:9092}),
 * {@code names-topic} (default {@code names}), {@code greetings-topic} (default {@code greetings}).
 * Run locally, the harness replaces both Kafka specs by their identifiers, so no broker is needed
 * there.
 */
public final class GreeterModule implements StatefulFunctionModule {
  static final String[] NAMES = {"Alice", "Bob", "Carol", "Dave", "Erin", "Frank", "Grace"};

  @Override
  public void configure(Map<String, String> globalConfiguration, Binder binder) {
    String kafkaAddress = setting(globalConfiguration, "kafka-address", "127.0.0.1:9092");
    String namesTopic = setting(globalConfiguration, "names-topic", "names");
    String greetingsTopic = setting(globalConfiguration, "greetings-topic", "greetings");

    binder.bindIngress(
        KafkaIngressBuilder.forIdentifier(GreeterIO.NAMES)
            .withKafkaAddress(kafkaAddress)
            .withTopic(namesTopic)
            .withConsumerGroupId("greeter")
            .withStartupPosition(KafkaIngressStartupPosition.fromEarliest())
            .withDeserializer(new NameDeserializer())
            .build());
    binder.bindIngressRouter(
        GreeterIO.NAMES, (name, downstream) -> downstream.forward(GreeterFn.TYPE, name, name));
    binder.bindFunctionProvider(GreeterFn.TYPE, type -> new GreeterFn());
    binder.bindFunctionProvider(FormatterFn.TYPE, type -> new FormatterFn());
    binder.bindEgress(
        KafkaEgressBuilder.forIdentifier(GreeterIO.GREETINGS)
            .withKafkaAddress(kafkaAddress)
            .withSerializer(new GreetingSerializer(greetingsTopic))
            .withExactlyOnceProducerSemantics(Duration.ofMinutes(5))
            .build());
  }

  private static String setting(Map<String, String> config, String key, String defaultValue) {
    String value = config.getOrDefault(key, defaultValue);
    if (value.isBlank()) {
      throw new IllegalArgumentException(
          "statefun.module.global-config." + key + " must not be blank");
    }
    return value;
  }

  /** The visitor at position {@code index} of a stream of names; the tests feed these. */
  static String nameAt(long index) {
    return NAMES[(int) (Math.floorMod(index * 7919, NAMES.length))];
  }

  private static final class NameDeserializer implements KafkaIngressDeserializer<String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String deserialize(ConsumerRecord<byte[], byte[]> record) {
      return new String(record.value(), StandardCharsets.UTF_8);
    }
  }

  /** Writes each greeting as the UTF-8 value of a record without key. */
  private static final class GreetingSerializer implements KafkaEgressSerializer<String> {
    private static final long serialVersionUID = 1L;

    private final String topic;

    GreetingSerializer(String topic) {
      this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(String greeting) {
      return new ProducerRecord<>(topic, greeting.getBytes(StandardCharsets.UTF_8));
    }
  }
}
