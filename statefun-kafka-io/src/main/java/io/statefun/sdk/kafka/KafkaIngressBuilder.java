package io.statefun.sdk.kafka;

import io.statefun.sdk.io.IngressIdentifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Declares an ingress that reads Kafka topics.
 *
 * <pre>{@code
 * IngressSpec<Order> orders =
 *     KafkaIngressBuilder.forIdentifier(ORDERS)
 *         .withKafkaAddress("kafka:9092")
 *         .withConsumerGroupId("shop")
 *         .withTopic("orders")
 *         .withDeserializer(OrderDeserializer.class)
 *         .withStartupPosition(KafkaIngressStartupPosition.fromEarliest())
 *         .build();
 * }</pre>
 *
 * <p>Defaults: starts from the latest offsets ({@link KafkaIngressStartupPosition#fromLatest()}),
 * falls back to the latest offset where a start offset is missing, and reads with {@code
 * isolation.level=read_committed}, so records of aborted or open transactions are never seen. The
 * ingress's offsets are part of every checkpoint: after a failure, reading resumes where the
 * restored checkpoint left off, whatever the startup position.
 */
public final class KafkaIngressBuilder<T> {
  private final IngressIdentifier<T> id;
  private final List<String> topics = new ArrayList<>();
  private final Properties properties = new Properties();
  private Pattern topicPattern;
  private String kafkaAddress;
  private String consumerGroupId;
  private KafkaIngressAutoResetPosition autoResetPosition;
  private KafkaIngressStartupPosition startupPosition = KafkaIngressStartupPosition.fromLatest();
  private KafkaIngressDeserializer<T> deserializer;

  private KafkaIngressBuilder(IngressIdentifier<T> id) {
    this.id = Objects.requireNonNull(id, "ingress id");
  }

  public static <T> KafkaIngressBuilder<T> forIdentifier(IngressIdentifier<T> id) {
    return new KafkaIngressBuilder<>(id);
  }

  /** The consumer group; required with {@link KafkaIngressStartupPosition#fromGroupOffsets()}. */
  public KafkaIngressBuilder<T> withConsumerGroupId(String consumerGroupId) {
    this.consumerGroupId = Objects.requireNonNull(consumerGroupId, "consumer group id");
    return this;
  }

  /** The brokers to bootstrap from ({@code host:port[,host:port…]}); required. */
  public KafkaIngressBuilder<T> withKafkaAddress(String kafkaAddress) {
    this.kafkaAddress = Objects.requireNonNull(kafkaAddress, "Kafka address");
    return this;
  }

  /** Adds a topic to read. */
  public KafkaIngressBuilder<T> withTopic(String topic) {
    topics.add(Objects.requireNonNull(topic, "topic"));
    return this;
  }

  /** Adds topics to read. */
  public KafkaIngressBuilder<T> addTopics(List<String> topics) {
    topics.forEach(this::withTopic);
    return this;
  }

  /**
   * Reads every topic whose name matches {@code pattern}, including topics created while the job
   * runs (found within the {@code partition.discovery.interval.ms} property, 5 minutes unless set).
   * Instead of, not in addition to, named topics.
   */
  public KafkaIngressBuilder<T> withTopicPattern(Pattern pattern) {
    this.topicPattern = Objects.requireNonNull(pattern, "topic pattern");
    return this;
  }

  /** Adds consumer properties; the named options of this builder take precedence. */
  public KafkaIngressBuilder<T> withProperties(Properties properties) {
    this.properties.putAll(properties);
    return this;
  }

  /**
   * Sets any Kafka consumer property (or source property such as {@code
   * partition.discovery.interval.ms}); the named options of this builder take precedence.
   */
  public KafkaIngressBuilder<T> withProperty(String name, String value) {
    properties.setProperty(
        Objects.requireNonNull(name, "property name"),
        Objects.requireNonNull(value, () -> "value of property " + name));
    return this;
  }

  /**
   * The deserializer, created here through its no-argument constructor (which may be private, and
   * the class may be a private nested class).
   */
  public KafkaIngressBuilder<T> withDeserializer(
      Class<? extends KafkaIngressDeserializer<T>> deserializerClass) {
    Objects.requireNonNull(deserializerClass, "deserializer class");
    this.deserializer =
        Instantiation.newInstance(deserializerClass, "deserializer", "Kafka ingress " + id);
    return this;
  }

  /** The deserializer as an instance; it must be serializable (a lambda is). */
  public KafkaIngressBuilder<T> withDeserializer(KafkaIngressDeserializer<T> deserializer) {
    this.deserializer = Objects.requireNonNull(deserializer, "deserializer");
    return this;
  }

  /** Where a partition without a usable start offset begins; latest unless set. */
  public KafkaIngressBuilder<T> withAutoResetPosition(
      KafkaIngressAutoResetPosition autoResetPosition) {
    this.autoResetPosition = Objects.requireNonNull(autoResetPosition, "auto reset position");
    return this;
  }

  /** Where to start when the job starts without state; latest unless set. */
  public KafkaIngressBuilder<T> withStartupPosition(KafkaIngressStartupPosition startupPosition) {
    this.startupPosition = Objects.requireNonNull(startupPosition, "startup position");
    return this;
  }

  /**
   * @throws IllegalArgumentException naming the ingress if the address, the topics or the
   *     deserializer is missing, or the start position needs what is not set
   */
  public KafkaIngressSpec<T> build() {
    Properties resolved = new Properties();
    resolved.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    resolved.putAll(properties);
    if (kafkaAddress != null) {
      resolved.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaAddress);
    }
    if (consumerGroupId != null) {
      resolved.setProperty(ConsumerConfig.GROUP_ID_CONFIG, consumerGroupId);
    }
    if (autoResetPosition != null) {
      resolved.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, autoResetPosition.toString());
    }
    return new KafkaIngressSpec<>(
        id, resolved, topics, topicPattern, deserializer, startupPosition);
  }
}
