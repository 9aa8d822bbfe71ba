package io.statefun.sdk.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.sdk.io.EgressIdentifier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class KafkaEgressBuilderTest {
  private static final EgressIdentifier<String> ID =
      new EgressIdentifier<>("test", "out", String.class);

  @Test
  void defaultsToAtLeastOnce() {
    KafkaEgressSpec<String> spec =
        KafkaEgressBuilder.forIdentifier(ID)
            .withKafkaAddress("a:1")
            .withSerializer(ToTopic.class)
            .build();

    assertThat(spec.semantic().isAtLeastOnceSemantic()).isTrue();
    assertThat(spec.transactionalIdPrefix()).isEmpty();
    assertThat(spec.serializer().serialize("x").topic()).isEqualTo("out-topic");
    assertThat(spec.serializerClass()).isEqualTo(ToTopic.class);
  }

  @Test
  void exactlyOnceKeepsItsTimeoutAndDefaultsBelowTheBrokerMaximum() {
    KafkaEgressSpec<String> explicit =
        KafkaEgressBuilder.forIdentifier(ID)
            .withKafkaAddress("a:1")
            .withSerializer(ToTopic.class)
            .withExactlyOnceProducerSemantics(Duration.ofMinutes(2))
            .build();
    KafkaEgressSpec<String> defaulted =
        KafkaEgressBuilder.forIdentifier(ID)
            .withKafkaAddress("a:1")
            .withSerializer(ToTopic.class)
            .withExactlyOnceProducerSemantics()
            .build();

    assertThat(explicit.semantic().asExactlyOnceSemantic().transactionTimeout())
        .isEqualTo(Duration.ofMinutes(2));
    assertThat(defaulted.semantic().asExactlyOnceSemantic().transactionTimeout())
        .isLessThan(Duration.ofMinutes(15))
        .isGreaterThanOrEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void otherSemantics() {
    KafkaEgressBuilder<String> builder =
        KafkaEgressBuilder.forIdentifier(ID).withKafkaAddress("a:1").withSerializer(ToTopic.class);
    assertThat(builder.withNoProducerSemantics().build().semantic().isNoSemantic()).isTrue();
    assertThat(
            builder.withAtLeastOnceProducerSemantics().build().semantic().isAtLeastOnceSemantic())
        .isTrue();
    assertThat(
            builder
                .withProducerSemantic(KafkaProducerSemantic.exactlyOnce(Duration.ofSeconds(90)))
                .build()
                .semantic())
        .isEqualTo(KafkaProducerSemantic.exactlyOnce(Duration.ofSeconds(90)));
    assertThatThrownBy(() -> KafkaProducerSemantic.exactlyOnce(Duration.ZERO))
        .hasMessageContaining("positive");
  }

  @Test
  void missingPartsAreNamed() {
    assertThatThrownBy(
            () -> KafkaEgressBuilder.forIdentifier(ID).withSerializer(ToTopic.class).build())
        .hasMessageContaining("test/out")
        .hasMessageContaining("withKafkaAddress");
    assertThatThrownBy(() -> KafkaEgressBuilder.forIdentifier(ID).withKafkaAddress("a:1").build())
        .hasMessageContaining("withSerializer");
    assertThatThrownBy(() -> KafkaEgressBuilder.forIdentifier(ID).withTransactionalIdPrefix(" "))
        .hasMessageContaining("blank");
  }

  private static final class ToTopic implements KafkaEgressSerializer<String> {
    private static final long serialVersionUID = 1L;

    @Override
    public ProducerRecord<byte[], byte[]> serialize(String value) {
      return new ProducerRecord<>("out-topic", value.getBytes(StandardCharsets.UTF_8));
    }
  }
}
