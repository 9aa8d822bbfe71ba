package io.statefun.flink.io.kafka;

import io.statefun.sdk.Address;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.io.IngressIdentifier;
import io.statefun.sdk.io.Router;
import io.statefun.sdk.kafka.KafkaEgressBuilder;
import io.statefun.sdk.kafka.KafkaEgressSerializer;
import io.statefun.sdk.kafka.KafkaIngressAutoResetPosition;
import io.statefun.sdk.kafka.KafkaIngressBuilder;
import io.statefun.sdk.kafka.KafkaIngressDeserializer;
import io.statefun.sdk.kafka.KafkaIngressStartupPosition;
import io.statefun.sdk.kafka.KafkaTopicPartition;
import io.statefun.sdk.kafka.routable.RoutableKafkaIngressBuilder;
import io.statefun.sdk.kafka.routable.RoutableKafkaRecord;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * One ingress per start position, one reading a topic pattern and one routable ingress, all feeding
 * a function that writes {@code <topic>:<value>} (or {@code routed:<id>:<payload>}) to an
 * at-least-once Kafka egress.
 */
final class PositionsModule implements StatefulFunctionModule, Serializable {
  private static final long serialVersionUID = 1L;

  static final String NS = "kafka-positions";
  static final String OUT_TOPIC = "positions-out";
  static final String GROUP = "positions-group";
  static final EgressIdentifier<String> OUT = new EgressIdentifier<>(NS, "out", String.class);
  static final FunctionType TAGGER = new FunctionType(NS, "tagger");
  static final FunctionType ROUTED = new FunctionType(NS, "routed");
  static final IngressIdentifier<RoutableKafkaRecord> ROUTABLE =
      new IngressIdentifier<>(RoutableKafkaRecord.class, NS, "routable");

  private final String bootstrap;
  private final long dateMillis;

  PositionsModule(String bootstrap, long dateMillis) {
    this.bootstrap = bootstrap;
    this.dateMillis = dateMillis;
  }

  @Override
  public void configure(Map<String, String> globalConfig, Binder binder) {
    bind(binder, "earliest", "pos-earliest", KafkaIngressStartupPosition.fromEarliest(), null);
    // No startup position: the default, latest.
    bind(binder, "latest", "pos-latest", null, null);
    bind(
        binder,
        "group",
        "pos-group",
        KafkaIngressStartupPosition.fromGroupOffsets(),
        KafkaIngressAutoResetPosition.EARLIEST);
    bind(
        binder,
        "specific",
        "pos-specific",
        KafkaIngressStartupPosition.fromSpecificOffsets(
            Map.of(new KafkaTopicPartition("pos-specific", 0), 2L)),
        null);
    bind(
        binder,
        "date",
        "pos-date",
        KafkaIngressStartupPosition.fromDate(
            Instant.ofEpochMilli(dateMillis).atZone(ZoneOffset.UTC)),
        null);

    IngressIdentifier<String> pattern = new IngressIdentifier<>(String.class, NS, "pattern");
    binder.bindIngress(
        KafkaIngressBuilder.forIdentifier(pattern)
            .withKafkaAddress(bootstrap)
            .withTopicPattern(Pattern.compile("pat-.*"))
            .withProperty("partition.discovery.interval.ms", "500")
            .withDeserializer(TaggingDeserializer.class)
            .withStartupPosition(KafkaIngressStartupPosition.fromEarliest())
            .build());
    binder.bindIngressRouter(pattern, new ToTagger());

    RoutableKafkaIngressBuilder.forIdentifier(ROUTABLE)
        .withKafkaAddress(bootstrap)
        .withRoute("routed", ROUTED)
        .withStartupPosition(KafkaIngressStartupPosition.fromEarliest())
        .bindTo(binder);

    binder.bindFunctionProvider(
        TAGGER, type -> (context, input) -> context.send(OUT, (String) input));
    binder.bindFunctionProvider(
        ROUTED,
        type ->
            (context, input) ->
                context.send(OUT, "routed:" + context.self().id() + ":" + render(input)));
    binder.bindEgress(
        KafkaEgressBuilder.forIdentifier(OUT)
            .withKafkaAddress(bootstrap)
            .withSerializer(ToOutTopic.class)
            .build());
  }

  private static String render(Object payload) {
    return payload.getClass().getSimpleName() + "=" + payload;
  }

  private void bind(
      Binder binder,
      String name,
      String topic,
      KafkaIngressStartupPosition position,
      KafkaIngressAutoResetPosition fallback) {
    IngressIdentifier<String> id = new IngressIdentifier<>(String.class, NS, name);
    KafkaIngressBuilder<String> builder =
        KafkaIngressBuilder.forIdentifier(id)
            .withKafkaAddress(bootstrap)
            .withTopic(topic)
            .withDeserializer(TaggingDeserializer.class);
    if (position != null) {
      builder.withStartupPosition(position);
    }
    if (position != null && position.isGroupOffsets()) {
      builder.withConsumerGroupId(GROUP);
    }
    if (fallback != null) {
      builder.withAutoResetPosition(fallback);
    }
    binder.bindIngress(builder.build());
    binder.bindIngressRouter(id, new ToTagger());
  }

  /** {@code <topic>:<value>}. */
  private static final class TaggingDeserializer implements KafkaIngressDeserializer<String> {
    private static final long serialVersionUID = 1L;

    private TaggingDeserializer() {}

    @Override
    public String deserialize(ConsumerRecord<byte[], byte[]> input) {
      return input.topic() + ":" + new String(input.value(), StandardCharsets.UTF_8);
    }
  }

  private static final class ToTagger implements Router<String>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public void route(String message, Downstream<String> downstream) {
      downstream.forward(new Address(TAGGER, message), message);
    }
  }

  private static final class ToOutTopic implements KafkaEgressSerializer<String> {
    private static final long serialVersionUID = 1L;

    @Override
    public ProducerRecord<byte[], byte[]> serialize(String value) {
      return new ProducerRecord<>(OUT_TOPIC, value.getBytes(StandardCharsets.UTF_8));
    }
  }
}
