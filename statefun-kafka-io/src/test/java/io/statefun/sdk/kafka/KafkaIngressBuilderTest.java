package io.statefun.sdk.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.sdk.io.IngressIdentifier;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class KafkaIngressBuilderTest {
  private static final IngressIdentifier<String> ID =
      new IngressIdentifier<>(String.class, "test", "in");

  @Test
  void defaultsAreLatestReadCommittedAndLatestFallback() {
    KafkaIngressSpec<String> spec =
        KafkaIngressBuilder.forIdentifier(ID)
            .withKafkaAddress("127.0.0.1:9092")
            .withTopic("t")
            .withDeserializer(Utf8.class)
            .build();

    assertThat(spec.startupPosition().isLatest()).isTrue();
    assertThat(spec.properties()).containsEntry("isolation.level", "read_committed");
    assertThat(spec.properties()).containsEntry("bootstrap.servers", "127.0.0.1:9092");
    assertThat(spec.autoResetPosition()).isEqualTo(KafkaIngressAutoResetPosition.LATEST);
    assertThat(spec.topics()).containsExactly("t");
    assertThat(spec.topicPattern()).isEmpty();
  }

  @Test
  void namedOptionsOverrideProperties() {
    KafkaIngressSpec<String> spec =
        KafkaIngressBuilder.forIdentifier(ID)
            .withProperty("group.id", "from-property")
            .withProperty("isolation.level", "read_uncommitted")
            .withProperty("bootstrap.servers", "elsewhere:1")
            .withKafkaAddress("127.0.0.1:9092")
            .withConsumerGroupId("named")
            .withAutoResetPosition(KafkaIngressAutoResetPosition.EARLIEST)
            .withTopic("t")
            .withDeserializer(Utf8.class)
            .build();

    assertThat(spec.properties())
        .containsEntry("group.id", "named")
        .containsEntry("bootstrap.servers", "127.0.0.1:9092")
        .containsEntry("isolation.level", "read_uncommitted")
        .containsEntry("auto.offset.reset", "earliest");
    assertThat(spec.autoResetPosition()).isEqualTo(KafkaIngressAutoResetPosition.EARLIEST);
  }

  @Test
  void privateNestedDeserializerClassIsInstantiated() {
    KafkaIngressSpec<String> spec =
        KafkaIngressBuilder.forIdentifier(ID)
            .withKafkaAddress("a:1")
            .withTopic("t")
            .withDeserializer(Utf8.class)
            .build();

    ConsumerRecord<byte[], byte[]> record =
        new ConsumerRecord<>("t", 0, 0L, null, "hi".getBytes(StandardCharsets.UTF_8));
    assertThat(spec.deserializer().deserialize(record)).isEqualTo("hi");
  }

  @Test
  void deserializerWithoutNoArgConstructorIsNamed() {
    assertThatThrownBy(
            () -> KafkaIngressBuilder.forIdentifier(ID).withDeserializer(NeedsArgument.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(NeedsArgument.class.getName())
        .hasMessageContaining("test/in");
  }

  @Test
  void missingPartsAreNamed() {
    assertThatThrownBy(
            () ->
                KafkaIngressBuilder.forIdentifier(ID)
                    .withTopic("t")
                    .withDeserializer(Utf8.class)
                    .build())
        .hasMessageContaining("test/in")
        .hasMessageContaining("withKafkaAddress");
    assertThatThrownBy(
            () ->
                KafkaIngressBuilder.forIdentifier(ID)
                    .withKafkaAddress("a:1")
                    .withDeserializer(Utf8.class)
                    .build())
        .hasMessageContaining("reads no topic");
    assertThatThrownBy(
            () ->
                KafkaIngressBuilder.forIdentifier(ID)
                    .withKafkaAddress("a:1")
                    .withTopic("t")
                    .build())
        .hasMessageContaining("no deserializer");
    assertThatThrownBy(
            () ->
                KafkaIngressBuilder.forIdentifier(ID)
                    .withKafkaAddress("a:1")
                    .withTopic("t")
                    .withDeserializer(Utf8.class)
                    .withStartupPosition(KafkaIngressStartupPosition.fromGroupOffsets())
                    .build())
        .hasMessageContaining("withConsumerGroupId");
  }

  @Test
  void topicsAndPatternExcludeEachOther() {
    assertThatThrownBy(
            () ->
                KafkaIngressBuilder.forIdentifier(ID)
                    .withKafkaAddress("a:1")
                    .withTopic("t")
                    .withTopicPattern(Pattern.compile("t.*"))
                    .withDeserializer(Utf8.class)
                    .build())
        .hasMessageContaining("one or the other");
  }

  @Test
  void specificOffsetsMustBelongToReadTopics() {
    assertThatThrownBy(
            () ->
                KafkaIngressBuilder.forIdentifier(ID)
                    .withKafkaAddress("a:1")
                    .withTopic("t")
                    .withDeserializer(Utf8.class)
                    .withStartupPosition(
                        KafkaIngressStartupPosition.fromSpecificOffsets(
                            Map.of(new KafkaTopicPartition("other", 0), 3L)))
                    .build())
        .hasMessageContaining("other/0");
  }

  @Test
  void startupPositionsSayWhatTheyAre() {
    ZonedDateTime date = ZonedDateTime.parse("2026-01-01T00:00:00Z");
    assertThat(KafkaIngressStartupPosition.fromDate(date).asDate().epochMilli())
        .isEqualTo(date.toInstant().toEpochMilli());
    assertThat(KafkaIngressStartupPosition.fromEarliest().isEarliest()).isTrue();
    assertThat(KafkaIngressStartupPosition.fromGroupOffsets().isGroupOffsets()).isTrue();
    assertThat(KafkaIngressStartupPosition.fromLatest())
        .isEqualTo(KafkaIngressStartupPosition.fromLatest());
    assertThatThrownBy(() -> KafkaIngressStartupPosition.fromLatest().asDate())
        .isInstanceOf(IllegalStateException.class);
    assertThat(KafkaTopicPartition.fromString("a/b/3"))
        .isEqualTo(new KafkaTopicPartition("a/b", 3));
    assertThatThrownBy(() -> KafkaTopicPartition.fromString("a/x")).hasMessageContaining("a/x");
  }

  private static final class Utf8 implements KafkaIngressDeserializer<String> {
    private static final long serialVersionUID = 1L;

    private Utf8() {}

    @Override
    public String deserialize(ConsumerRecord<byte[], byte[]> input) {
      return new String(input.value(), StandardCharsets.UTF_8);
    }
  }

  private static final class NeedsArgument implements KafkaIngressDeserializer<String> {
    private static final long serialVersionUID = 1L;
    private final String prefix;

    NeedsArgument(String prefix) {
      this.prefix = prefix;
    }

    @Override
    public String deserialize(ConsumerRecord<byte[], byte[]> input) {
      return prefix;
    }
  }
}
