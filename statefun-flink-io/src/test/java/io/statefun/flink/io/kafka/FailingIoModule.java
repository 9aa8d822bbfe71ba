package io.statefun.flink.io.kafka;

import io.statefun.sdk.Address;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.io.IngressIdentifier;
import io.statefun.sdk.io.Router;
import io.statefun.sdk.kafka.KafkaEgressBuilder;
import io.statefun.sdk.kafka.KafkaEgressSerializer;
import io.statefun.sdk.kafka.KafkaIngressBuilder;
import io.statefun.sdk.kafka.KafkaIngressDeserializer;
import io.statefun.sdk.kafka.KafkaIngressStartupPosition;
import io.statefun.sdk.kafka.KafkaProducerSemantic;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A Kafka ingress whose deserializer refuses the value {@code poison}, to a Kafka egress with a
 * given delivery guarantee.
 */
final class FailingIoModule implements StatefulFunctionModule, Serializable {
  private static final long serialVersionUID = 1L;

  static final String NS = "kafka-failing";
  static final IngressIdentifier<String> IN = new IngressIdentifier<>(String.class, NS, "in");
  static final EgressIdentifier<String> OUT = new EgressIdentifier<>(NS, "out", String.class);
  static final FunctionType FORWARD = new FunctionType(NS, "forward");

  private final String bootstrap;
  private final String inTopic;
  private final String outTopic;
  private final KafkaProducerSemantic semantic;

  FailingIoModule(
      String bootstrap, String inTopic, String outTopic, KafkaProducerSemantic semantic) {
    this.bootstrap = bootstrap;
    this.inTopic = inTopic;
    this.outTopic = outTopic;
    this.semantic = semantic;
  }

  @Override
  public void configure(Map<String, String> globalConfig, Binder binder) {
    binder.bindIngress(
        KafkaIngressBuilder.forIdentifier(IN)
            .withKafkaAddress(bootstrap)
            .withTopic(inTopic)
            .withDeserializer(RefusingPoison.class)
            .withStartupPosition(KafkaIngressStartupPosition.fromEarliest())
            .build());
    binder.bindIngressRouter(IN, new ToForward());
    binder.bindFunctionProvider(
        FORWARD, type -> (context, input) -> context.send(OUT, (String) input));
    binder.bindEgress(
        KafkaEgressBuilder.forIdentifier(OUT)
            .withKafkaAddress(bootstrap)
            .withSerializer(new ToTopic(outTopic))
            .withProducerSemantic(semantic)
            .build());
  }

  private static final class RefusingPoison implements KafkaIngressDeserializer<String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String deserialize(ConsumerRecord<byte[], byte[]> input) {
      String value = new String(input.value(), StandardCharsets.UTF_8);
      if (value.equals("poison")) {
        throw new IllegalArgumentException("cannot read '" + value + "'");
      }
      return value;
    }
  }

  private static final class ToForward implements Router<String>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public void route(String message, Downstream<String> downstream) {
      downstream.forward(new Address(FORWARD, message), message);
    }
  }

  private static final class ToTopic implements KafkaEgressSerializer<String> {
    private static final long serialVersionUID = 1L;
    private final String topic;

    ToTopic(String topic) {
      this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(String value) {
      return new ProducerRecord<>(topic, value.getBytes(StandardCharsets.UTF_8));
    }
  }
}
