// #region module
import io.statefun.sdk.Context;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.StatefulFunction;
import io.statefun.sdk.annotations.Persisted;
import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.io.IngressIdentifier;
import io.statefun.sdk.kafka.KafkaEgressBuilder;
import io.statefun.sdk.kafka.KafkaEgressSerializer;
import io.statefun.sdk.kafka.KafkaIngressAutoResetPosition;
import io.statefun.sdk.kafka.KafkaIngressBuilder;
import io.statefun.sdk.kafka.KafkaIngressDeserializer;
import io.statefun.sdk.kafka.KafkaIngressStartupPosition;
import io.statefun.sdk.spi.StatefulFunctionModule;
import io.statefun.sdk.state.PersistedValue;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Greets every name read from Kafka, counting visits per name, into a Kafka topic. */
public final class KafkaGreeterModule implements StatefulFunctionModule, Serializable {
  static final IngressIdentifier<String> NAMES =
      new IngressIdentifier<>(String.class, "greeter", "names");
  static final EgressIdentifier<String> GREETINGS =
      new EgressIdentifier<>("greeter", "greetings", String.class);
  static final FunctionType GREETER = new FunctionType("greeter", "greeter");

  @Override
  public void configure(Map<String, String> globalConfig, Binder binder) {
    String kafka = globalConfig.getOrDefault("kafka-address", "localhost:9092");
    binder.bindIngress(
        KafkaIngressBuilder.forIdentifier(NAMES)
            .withKafkaAddress(kafka)
            .withConsumerGroupId("greeter")
            .withTopic("names")
            .withDeserializer(NameDeserializer.class)
            .withStartupPosition(KafkaIngressStartupPosition.fromGroupOffsets())
            .withAutoResetPosition(KafkaIngressAutoResetPosition.EARLIEST)
            .build());
    binder.bindIngressRouter(NAMES, (name, downstream) -> downstream.forward(GREETER, name, name));
    binder.bindFunctionProvider(GREETER, type -> new GreeterFn());
    binder.bindEgress(
        KafkaEgressBuilder.forIdentifier(GREETINGS)
            .withKafkaAddress(kafka)
            .withSerializer(GreetingSerializer.class)
            .withExactlyOnceProducerSemantics(Duration.ofMinutes(5))
            .build());
  }

  private static final class NameDeserializer implements KafkaIngressDeserializer<String> {
    @Override
    public String deserialize(ConsumerRecord<byte[], byte[]> record) {
      return new String(record.value(), StandardCharsets.UTF_8);
    }
  }

  private static final class GreetingSerializer implements KafkaEgressSerializer<String> {
    @Override
    public ProducerRecord<byte[], byte[]> serialize(String greeting) {
      String name = greeting.substring("Hello ".length(), greeting.indexOf(','));
      return new ProducerRecord<>(
          "greetings",
          name.getBytes(StandardCharsets.UTF_8),
          greeting.getBytes(StandardCharsets.UTF_8));
    }
  }

  static final class GreeterFn implements StatefulFunction {
    @Persisted
    private final PersistedValue<Integer> seen = PersistedValue.of("seen", Integer.class);

    @Override
    public void invoke(Context context, Object input) {
      int count = seen.updateAndGet(n -> n == null ? 1 : n + 1);
      context.send(GREETINGS, "Hello " + input + ", visit #" + count);
    }
  }
}
// #endregion module
