package io.statefun.sdk.kafka;

import io.statefun.sdk.io.IngressIdentifier;
import io.statefun.sdk.io.IngressSpec;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * A Kafka ingress as {@link KafkaIngressBuilder} built it; the runtime turns it into a Kafka
 * source. Immutable.
 */
public final class KafkaIngressSpec<T> implements IngressSpec<T> {
  private final IngressIdentifier<T> id;
  private final Properties properties;
  private final List<String> topics;
  private final Pattern topicPattern;
  private final KafkaIngressDeserializer<T> deserializer;
  private final KafkaIngressStartupPosition startupPosition;

  KafkaIngressSpec(
      IngressIdentifier<T> id,
      Properties properties,
      List<String> topics,
      Pattern topicPattern,
      KafkaIngressDeserializer<T> deserializer,
      KafkaIngressStartupPosition startupPosition) {
    this.id = Objects.requireNonNull(id, "ingress id");
    this.properties = copy(properties);
    this.topics = List.copyOf(topics);
    this.topicPattern = topicPattern;
    this.deserializer = deserializer;
    this.startupPosition = Objects.requireNonNull(startupPosition, "startup position");
    validate();
  }

  private void validate() {
    if (!properties.containsKey(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
      throw new IllegalArgumentException(
          "Kafka ingress " + id + " has no Kafka address: set it with withKafkaAddress(...)");
    }
    if (topics.isEmpty() && topicPattern == null) {
      throw new IllegalArgumentException(
          "Kafka ingress "
              + id
              + " reads no topic: add one with withTopic(...), addTopics(...) or"
              + " withTopicPattern(...)");
    }
    if (!topics.isEmpty() && topicPattern != null) {
      throw new IllegalArgumentException(
          "Kafka ingress "
              + id
              + " has both topics "
              + topics
              + " and a topic pattern "
              + topicPattern
              + ": use one or the other");
    }
    if (deserializer == null) {
      throw new IllegalArgumentException(
          "Kafka ingress " + id + " has no deserializer: set one with withDeserializer(...)");
    }
    if (startupPosition.isGroupOffsets()
        && !properties.containsKey(ConsumerConfig.GROUP_ID_CONFIG)) {
      throw new IllegalArgumentException(
          "Kafka ingress "
              + id
              + " starts from the consumer group's offsets but has no group id: set it with"
              + " withConsumerGroupId(...)");
    }
    if (startupPosition.isSpecificOffsets() && topicPattern == null) {
      for (KafkaTopicPartition partition :
          startupPosition.asSpecificOffsets().specificOffsets().keySet()) {
        if (!topics.contains(partition.topic())) {
          throw new IllegalArgumentException(
              "Kafka ingress "
                  + id
                  + " has a specific start offset for "
                  + partition
                  + ", but does not read topic "
                  + partition.topic()
                  + " (it reads "
                  + topics
                  + ")");
        }
      }
    }
  }

  @Override
  public IngressIdentifier<T> id() {
    return id;
  }

  /**
   * The consumer properties: everything set with {@code withProperty}/{@code withProperties},
   * overwritten by the named builder options; {@code isolation.level} is {@code read_committed}
   * unless set. A copy: changing it changes nothing.
   */
  public Properties properties() {
    return copy(properties);
  }

  /** The topics to read; empty if the ingress reads a {@link #topicPattern()}. */
  public List<String> topics() {
    return topics;
  }

  /** The pattern of topic names to read, if the ingress reads by pattern. */
  public Optional<Pattern> topicPattern() {
    return Optional.ofNullable(topicPattern);
  }

  public KafkaIngressDeserializer<T> deserializer() {
    return deserializer;
  }

  public KafkaIngressStartupPosition startupPosition() {
    return startupPosition;
  }

  /**
   * Where partitions without a usable start offset begin: the {@code auto.offset.reset} property,
   * latest unless set.
   */
  public KafkaIngressAutoResetPosition autoResetPosition() {
    String reset = properties.getProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    for (KafkaIngressAutoResetPosition position : KafkaIngressAutoResetPosition.values()) {
      if (position.toString().equalsIgnoreCase(reset.trim())) {
        return position;
      }
    }
    throw new IllegalArgumentException(
        "Kafka ingress "
            + id
            + " has "
            + ConsumerConfig.AUTO_OFFSET_RESET_CONFIG
            + "="
            + reset
            + ", but only 'earliest' and 'latest' are supported");
  }

  private static Properties copy(Properties properties) {
    Properties copy = new Properties();
    copy.putAll(properties);
    return copy;
  }
}
