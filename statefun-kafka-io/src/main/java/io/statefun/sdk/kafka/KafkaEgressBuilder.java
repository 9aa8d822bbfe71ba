package io.statefun.sdk.kafka;

import io.statefun.sdk.io.EgressIdentifier;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;

/**
 * Declares an egress that writes Kafka records. The serializer's {@link
 * org.apache.kafka.clients.producer.ProducerRecord} names the topic (and key, partition, timestamp,
 * headers).
 *
 * <pre>{@code
 * EgressSpec<Receipt> receipts =
 *     KafkaEgressBuilder.forIdentifier(RECEIPTS)
 *         .withKafkaAddress("kafka:9092")
 *         .withSerializer(ReceiptSerializer.class)
 *         .withExactlyOnceProducerSemantics(Duration.ofMinutes(5))
 *         .build();
 * }</pre>
 *
 * <p>The default delivery guarantee is at-least-once. With exactly-once the records of each
 * checkpoint are written in Kafka transactions that commit when the checkpoint completes; read the
 * topic with {@code isolation.level=read_committed}. The transaction timeout must outlast the
 * checkpoint interval plus a restart (checked when the job is built) and fit the broker's {@code
 * transaction.max.timeout.ms} (15 minutes by default; a broker that refuses it fails the job with
 * an error naming this egress).
 */
public final class KafkaEgressBuilder<OutT> {
  private final EgressIdentifier<OutT> id;
  private final Properties properties = new Properties();
  private String kafkaAddress;
  private KafkaEgressSerializer<OutT> serializer;
  private int kafkaProducerPoolSize = 5;
  private KafkaProducerSemantic semantic = KafkaProducerSemantic.atLeastOnce();
  private String transactionalIdPrefix;

  private KafkaEgressBuilder(EgressIdentifier<OutT> id) {
    this.id = Objects.requireNonNull(id, "egress id");
  }

  public static <OutT> KafkaEgressBuilder<OutT> forIdentifier(EgressIdentifier<OutT> id) {
    return new KafkaEgressBuilder<>(id);
  }

  /** The brokers to bootstrap from ({@code host:port[,host:port…]}); required. */
  public KafkaEgressBuilder<OutT> withKafkaAddress(String kafkaAddress) {
    this.kafkaAddress = Objects.requireNonNull(kafkaAddress, "Kafka address");
    return this;
  }

  /** Sets any Kafka producer property. */
  public KafkaEgressBuilder<OutT> withProperty(String key, String value) {
    properties.setProperty(
        Objects.requireNonNull(key, "property name"),
        Objects.requireNonNull(value, () -> "value of property " + key));
    return this;
  }

  /** Adds Kafka producer properties. */
  public KafkaEgressBuilder<OutT> withProperties(Properties properties) {
    this.properties.putAll(properties);
    return this;
  }

  /**
   * The serializer, created here through its no-argument constructor (which may be private, and the
   * class may be a private nested class).
   */
  public KafkaEgressBuilder<OutT> withSerializer(
      Class<? extends KafkaEgressSerializer<OutT>> serializer) {
    Objects.requireNonNull(serializer, "serializer class");
    this.serializer = Instantiation.newInstance(serializer, "serializer", "Kafka egress " + id);
    return this;
  }

  /** The serializer as an instance; it must be serializable (a lambda is). */
  public KafkaEgressBuilder<OutT> withSerializer(KafkaEgressSerializer<OutT> serializer) {
    this.serializer = Objects.requireNonNull(serializer, "serializer");
    return this;
  }

  /**
   * Accepted for StateFun compatibility and otherwise ignored: the Flink Kafka sink creates and
   * reuses its producers itself.
   */
  public KafkaEgressBuilder<OutT> withKafkaProducerPoolSize(int poolSize) {
    if (poolSize < 1) {
      throw new IllegalArgumentException(
          "producer pool size of Kafka egress " + id + " must be at least 1: " + poolSize);
    }
    this.kafkaProducerPoolSize = poolSize;
    return this;
  }

  /**
   * Exactly-once, with the given transaction timeout.
   *
   * @see KafkaProducerSemantic#exactlyOnce(Duration)
   */
  public KafkaEgressBuilder<OutT> withExactlyOnceProducerSemantics(
      Duration transactionTimeoutDuration) {
    this.semantic = KafkaProducerSemantic.exactlyOnce(transactionTimeoutDuration);
    return this;
  }

  /**
   * Exactly-once, with {@link KafkaProducerSemantic#DEFAULT_TRANSACTION_TIMEOUT} (10 minutes, below
   * the broker's default maximum).
   */
  public KafkaEgressBuilder<OutT> withExactlyOnceProducerSemantics() {
    return withExactlyOnceProducerSemantics(KafkaProducerSemantic.DEFAULT_TRANSACTION_TIMEOUT);
  }

  /** At-least-once (the default). */
  public KafkaEgressBuilder<OutT> withAtLeastOnceProducerSemantics() {
    this.semantic = KafkaProducerSemantic.atLeastOnce();
    return this;
  }

  /** No guarantee: records may be lost or repeated on failure. */
  public KafkaEgressBuilder<OutT> withNoProducerSemantics() {
    this.semantic = KafkaProducerSemantic.none();
    return this;
  }

  public KafkaEgressBuilder<OutT> withProducerSemantic(KafkaProducerSemantic producerSemantic) {
    this.semantic = Objects.requireNonNull(producerSemantic, "producer semantic");
    return this;
  }

  /**
   * The prefix of the Kafka transactional ids of an exactly-once egress. Unless set, it is derived
   * from the job name and the egress id, which keeps it stable across restarts and distinct between
   * egresses; set it when two jobs of the same name write to the same cluster.
   */
  public KafkaEgressBuilder<OutT> withTransactionalIdPrefix(String prefix) {
    Objects.requireNonNull(prefix, "transactional id prefix");
    if (prefix.isBlank()) {
      throw new IllegalArgumentException(
          "transactional id prefix of Kafka egress " + id + " must not be blank");
    }
    this.transactionalIdPrefix = prefix;
    return this;
  }

  /**
   * @throws IllegalArgumentException naming the egress if the address or serializer is missing
   */
  public KafkaEgressSpec<OutT> build() {
    return new KafkaEgressSpec<>(
        id,
        kafkaAddress,
        properties,
        serializer,
        kafkaProducerPoolSize,
        semantic,
        transactionalIdPrefix);
  }
}
