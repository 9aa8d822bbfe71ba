package io.statefun.flink.io.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.flink.core.io.IoSpecTranslators;
import io.statefun.flink.core.io.IoTranslationContext;
import io.statefun.flink.core.io.StreamEgressSpec;
import io.statefun.flink.core.io.StreamIngressSpec;
import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.io.EgressSpec;
import io.statefun.sdk.io.IngressIdentifier;
import io.statefun.sdk.kafka.KafkaEgressBuilder;
import io.statefun.sdk.kafka.KafkaEgressSpec;
import io.statefun.sdk.kafka.KafkaIngressBuilder;
import io.statefun.sdk.kafka.KafkaIngressSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** How Kafka specs become Flink sources and sinks, and what is refused at job build time. */
class KafkaSpecTranslatorTest {
  private static final IngressIdentifier<String> IN =
      new IngressIdentifier<>(String.class, "unit", "in");
  private static final EgressIdentifier<String> OUT =
      new EgressIdentifier<>("unit", "out", String.class);

  @Test
  void theServiceLoaderFindsTheKafkaTranslatorForIngressAndEgress() {
    IoSpecTranslators translators = translators(Duration.ofSeconds(1));

    StreamIngressSpec<String> ingress = translators.ingress(ingress());
    StreamEgressSpec<String> egress = translators.egress(egress(Duration.ofMinutes(2)));

    assertThat(ingress).isNotNull();
    assertThat(ingress.id()).isEqualTo(IN);
    assertThat(egress).isNotNull();
    assertThat(egress.id()).isEqualTo(OUT);
  }

  @Test
  void otherSpecsAreLeftToOthers() {
    EgressSpec<String> unknown = () -> OUT;
    assertThat(translators(null).egress(unknown)).isNull();
  }

  @Test
  void exactlyOnceWithoutCheckpointingIsRefusedNamingTheEgress() {
    assertThatThrownBy(() -> translators(null).egress(egress(Duration.ofMinutes(2))))
        .hasMessageContaining("Kafka egress unit/out")
        .hasMessageContaining("execution.checkpointing.interval");
  }

  @Test
  void aTransactionTimeoutShorterThanCheckpointIntervalPlusRestartIsRefused() {
    assertThatThrownBy(
            () -> translators(Duration.ofMinutes(5)).egress(egress(Duration.ofMinutes(5))))
        .hasMessageContaining("Kafka egress unit/out")
        .hasMessageContaining("PT5M")
        .hasMessageContaining("withExactlyOnceProducerSemantics(Duration)")
        .hasMessageContaining("transaction.max.timeout.ms");
    assertThat(translators(Duration.ofMinutes(4)).egress(egress(Duration.ofMinutes(5))))
        .isNotNull();
  }

  @Test
  void transactionalIdPrefixesAreStableAndDistinct() {
    KafkaEgressSpec<String> spec = egress(Duration.ofMinutes(2));
    EgressIdentifier<String> slashy = new EgressIdentifier<>("unit/out", "x", String.class);
    EgressIdentifier<String> other = new EgressIdentifier<>("unit", "out/x", String.class);

    assertThat(DerivedNames.transactionalIdPrefix(spec, "job"))
        .isEqualTo(DerivedNames.transactionalIdPrefix(egress(Duration.ofMinutes(3)), "job"))
        .isNotEqualTo(DerivedNames.transactionalIdPrefix(spec, "other-job"));
    assertThat(DerivedNames.transactionalIdPrefix(withId(slashy), "job"))
        .isNotEqualTo(DerivedNames.transactionalIdPrefix(withId(other), "job"));
    assertThat(
            DerivedNames.transactionalIdPrefix(
                KafkaEgressBuilder.forIdentifier(OUT)
                    .withKafkaAddress("a:1")
                    .withSerializer(new ToTopic())
                    .withTransactionalIdPrefix("mine")
                    .build(),
                "job"))
        .isEqualTo("mine");
  }

  @Test
  void aThrowingDeserializerNamesIngressTopicPartitionAndOffset() throws Exception {
    IngressRecordDeserializer<String> deserializer =
        new IngressRecordDeserializer<>(
            IN,
            record -> {
              throw new IllegalArgumentException("bad bytes");
            });
    List<String> out = new ArrayList<>();

    assertThatThrownBy(
            () ->
                deserializer.deserialize(
                    new ConsumerRecord<>("orders", 3, 41L, null, new byte[] {1}), collect(out)))
        .isInstanceOf(PoisonRecordException.class)
        .hasMessageContaining("Kafka ingress unit/in")
        .hasMessageContaining("topic orders, partition 3, offset 41")
        .hasMessageContaining("bad bytes");
    assertThatThrownBy(
            () ->
                new IngressRecordDeserializer<>(IN, record -> null)
                    .deserialize(new ConsumerRecord<>("orders", 0, 7L, null, null), collect(out)))
        .hasMessageContaining("returned null")
        .hasMessageContaining("offset 7");
    assertThat(out).isEmpty();
  }

  @Test
  void underTheDeadLetterPolicyAPoisonRecordIsSkippedAndTheNextOneDelivered() throws Exception {
    IngressRecordDeserializer<String> deserializer =
        new IngressRecordDeserializer<>(
            IN,
            record -> {
              if (record.offset() == 41L) {
                throw new IllegalArgumentException("bad bytes");
              }
              return "ok-" + record.offset();
            },
            true);
    List<String> out = new ArrayList<>();

    deserializer.deserialize(
        new ConsumerRecord<>("orders", 3, 41L, null, new byte[] {1}), collect(out));
    deserializer.deserialize(
        new ConsumerRecord<>("orders", 3, 42L, null, new byte[] {1}), collect(out));

    assertThat(out).containsExactly("ok-42");
  }

  @Test
  void aSerializerReturningNullIsNamed() {
    EgressRecordSerializer<String> serializer = new EgressRecordSerializer<>(OUT, value -> null);
    assertThatThrownBy(() -> serializer.serialize("x", null, null))
        .hasMessageContaining("Kafka egress unit/out")
        .hasMessageContaining("returned null for a java.lang.String");
  }

  private static IoSpecTranslators translators(Duration checkpointInterval) {
    Configuration config = new Configuration();
    if (checkpointInterval != null) {
      config.setString("execution.checkpointing.interval", checkpointInterval.toMillis() + " ms");
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
    return IoSpecTranslators.load(
        Thread.currentThread().getContextClassLoader(), new IoTranslationContext("job", env));
  }

  private static KafkaIngressSpec<String> ingress() {
    return KafkaIngressBuilder.forIdentifier(IN)
        .withKafkaAddress("127.0.0.1:9")
        .withTopic("t")
        .withDeserializer(record -> new String(record.value(), StandardCharsets.UTF_8))
        .build();
  }

  private static KafkaEgressSpec<String> egress(Duration timeout) {
    return withId(OUT, timeout);
  }

  private static KafkaEgressSpec<String> withId(EgressIdentifier<String> id) {
    return withId(id, Duration.ofMinutes(2));
  }

  private static KafkaEgressSpec<String> withId(EgressIdentifier<String> id, Duration timeout) {
    return KafkaEgressBuilder.forIdentifier(id)
        .withKafkaAddress("127.0.0.1:9")
        .withSerializer(new ToTopic())
        .withExactlyOnceProducerSemantics(timeout)
        .build();
  }

  private static <T> Collector<T> collect(List<T> out) {
    return new Collector<>() {
      @Override
      public void collect(T record) {
        out.add(record);
      }

      @Override
      public void close() {}
    };
  }

  private static final class ToTopic
      implements io.statefun.sdk.kafka.KafkaEgressSerializer<String> {
    private static final long serialVersionUID = 1L;

    @Override
    public ProducerRecord<byte[], byte[]> serialize(String value) {
      return new ProducerRecord<>("t", value.getBytes(StandardCharsets.UTF_8));
    }
  }
}
