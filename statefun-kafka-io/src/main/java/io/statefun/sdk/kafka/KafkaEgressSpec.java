package io.statefun.sdk.kafka;

import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.io.EgressSpec;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * A Kafka egress as {@link KafkaEgressBuilder} built it; the runtime turns it into a Kafka sink.
 * Immutable.
 */
public final class KafkaEgressSpec<OutT> implements EgressSpec<OutT> {
  private final EgressIdentifier<OutT> id;
  private final String kafkaAddress;
  private final Properties properties;
  private final KafkaEgressSerializer<OutT> serializer;
  private final int kafkaProducerPoolSize;
  private final KafkaProducerSemantic semantic;
  private final String transactionalIdPrefix;

  KafkaEgressSpec(
      EgressIdentifier<OutT> id,
      String kafkaAddress,
      Properties properties,
      KafkaEgressSerializer<OutT> serializer,
      int kafkaProducerPoolSize,
      KafkaProducerSemantic semantic,
      String transactionalIdPrefix) {
    this.id = Objects.requireNonNull(id, "egress id");
    if (kafkaAddress == null) {
      throw new IllegalArgumentException(
          "Kafka egress " + id + " has no Kafka address: set it with withKafkaAddress(...)");
    }
    if (serializer == null) {
      throw new IllegalArgumentException(
          "Kafka egress " + id + " has no serializer: set one with withSerializer(...)");
    }
    this.kafkaAddress = kafkaAddress;
    this.properties = new Properties();
    this.properties.putAll(properties);
    this.serializer = serializer;
    this.kafkaProducerPoolSize = kafkaProducerPoolSize;
    this.semantic = Objects.requireNonNull(semantic, "producer semantic");
    this.transactionalIdPrefix = transactionalIdPrefix;
  }

  @Override
  public EgressIdentifier<OutT> id() {
    return id;
  }

  public String kafkaAddress() {
    return kafkaAddress;
  }

  /** The producer properties set on the builder. A copy: changing it changes nothing. */
  public Properties properties() {
    Properties copy = new Properties();
    copy.putAll(properties);
    return copy;
  }

  public KafkaEgressSerializer<OutT> serializer() {
    return serializer;
  }

  @SuppressWarnings("unchecked")
  public Class<? extends KafkaEgressSerializer<OutT>> serializerClass() {
    return (Class<? extends KafkaEgressSerializer<OutT>>) serializer.getClass();
  }

  /** Kept from StateFun's API; the Flink Kafka sink manages its own producers. */
  public int kafkaProducerPoolSize() {
    return kafkaProducerPoolSize;
  }

  public KafkaProducerSemantic semantic() {
    return semantic;
  }

  /**
   * The transactional id prefix set on the builder; when empty, the runtime derives one from the
   * job name and the egress id.
   */
  public Optional<String> transactionalIdPrefix() {
    return Optional.ofNullable(transactionalIdPrefix);
  }
}
