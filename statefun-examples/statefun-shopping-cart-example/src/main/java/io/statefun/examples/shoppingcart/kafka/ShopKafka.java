package io.statefun.examples.shoppingcart.kafka;

import io.statefun.examples.shoppingcart.ShopIO;
import io.statefun.examples.shoppingcart.commands.ShopCommand;
import io.statefun.examples.shoppingcart.output.Receipt;
import io.statefun.examples.shoppingcart.output.ShopEvent;
import io.statefun.sdk.io.EgressSpec;
import io.statefun.sdk.io.IngressSpec;
import io.statefun.sdk.kafka.KafkaEgressBuilder;
import io.statefun.sdk.kafka.KafkaEgressSerializer;
import io.statefun.sdk.kafka.KafkaIngressAutoResetPosition;
import io.statefun.sdk.kafka.KafkaIngressBuilder;
import io.statefun.sdk.kafka.KafkaIngressDeserializer;
import io.statefun.sdk.kafka.KafkaIngressStartupPosition;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The shop's IO on a cluster: commands are read from a Kafka topic as lines of text ({@link
 * ShopCommand#parse}), receipts and events are written as lines of text, keyed by user and by
 * subject. The egresses are exactly-once: read them with {@code isolation.level=read_committed}.
 */
public final class ShopKafka {
  public static final String COMMANDS_TOPIC = "shop-commands";
  public static final String RECEIPTS_TOPIC = "shop-receipts";
  public static final String EVENTS_TOPIC = "shop-events";
  static final String CONSUMER_GROUP = "shop";
  static final Duration TRANSACTION_TIMEOUT = Duration.ofMinutes(5);

  private ShopKafka() {}

  /** Reads from the committed offsets of the consumer group, or from the start of each topic. */
  public static IngressSpec<ShopCommand> commands(String kafkaAddress) {
    return KafkaIngressBuilder.forIdentifier(ShopIO.COMMANDS)
        .withKafkaAddress(kafkaAddress)
        .withConsumerGroupId(CONSUMER_GROUP)
        .withTopic(COMMANDS_TOPIC)
        .withDeserializer(CommandDeserializer.class)
        .withStartupPosition(KafkaIngressStartupPosition.fromGroupOffsets())
        .withAutoResetPosition(KafkaIngressAutoResetPosition.EARLIEST)
        .build();
  }

  public static EgressSpec<Receipt> receipts(String kafkaAddress) {
    return KafkaEgressBuilder.forIdentifier(ShopIO.RECEIPTS)
        .withKafkaAddress(kafkaAddress)
        .withSerializer(ReceiptSerializer.class)
        .withExactlyOnceProducerSemantics(TRANSACTION_TIMEOUT)
        .build();
  }

  public static EgressSpec<ShopEvent> events(String kafkaAddress) {
    return KafkaEgressBuilder.forIdentifier(ShopIO.EVENTS)
        .withKafkaAddress(kafkaAddress)
        .withSerializer(EventSerializer.class)
        .withExactlyOnceProducerSemantics(TRANSACTION_TIMEOUT)
        .build();
  }

  private static final class CommandDeserializer implements KafkaIngressDeserializer<ShopCommand> {
    private static final long serialVersionUID = 1L;

    @Override
    public ShopCommand deserialize(ConsumerRecord<byte[], byte[]> record) {
      if (record.value() == null) {
        throw new IllegalArgumentException("a shop command record has no value");
      }
      return ShopCommand.parse(new String(record.value(), StandardCharsets.UTF_8));
    }
  }

  private static final class ReceiptSerializer implements KafkaEgressSerializer<Receipt> {
    private static final long serialVersionUID = 1L;

    @Override
    public ProducerRecord<byte[], byte[]> serialize(Receipt receipt) {
      return new ProducerRecord<>(RECEIPTS_TOPIC, utf8(receipt.userId()), utf8(receipt.toString()));
    }
  }

  private static final class EventSerializer implements KafkaEgressSerializer<ShopEvent> {
    private static final long serialVersionUID = 1L;

    @Override
    public ProducerRecord<byte[], byte[]> serialize(ShopEvent event) {
      return new ProducerRecord<>(EVENTS_TOPIC, utf8(event.subject()), utf8(event.toString()));
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
