package io.statefun.flink.io.kafka;

import io.statefun.sdk.kafka.KafkaIngressSpec;
import io.statefun.sdk.kafka.KafkaIngressStartupPosition;
import io.statefun.sdk.kafka.KafkaTopicPartition;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;

/** The Kafka source's starting offsets for an ingress's startup position. */
final class StartingOffsets {
  private StartingOffsets() {}

  static OffsetsInitializer of(KafkaIngressSpec<?> spec) {
    KafkaIngressStartupPosition position = spec.startupPosition();
    OffsetResetStrategy fallback =
        switch (spec.autoResetPosition()) {
          case EARLIEST -> OffsetResetStrategy.EARLIEST;
          case LATEST -> OffsetResetStrategy.LATEST;
        };
    if (position.isEarliest()) {
      return OffsetsInitializer.earliest();
    }
    if (position.isLatest()) {
      return OffsetsInitializer.latest();
    }
    if (position.isGroupOffsets()) {
      return OffsetsInitializer.committedOffsets(fallback);
    }
    if (position.isDate()) {
      return OffsetsInitializer.timestamp(position.asDate().epochMilli());
    }
    if (position.isSpecificOffsets()) {
      Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
      for (Map.Entry<KafkaTopicPartition, Long> entry :
          position.asSpecificOffsets().specificOffsets().entrySet()) {
        offsets.put(
            new TopicPartition(entry.getKey().topic(), entry.getKey().partition()),
            entry.getValue());
      }
      return OffsetsInitializer.offsets(offsets, fallback);
    }
    throw new IllegalArgumentException(
        "Kafka ingress " + spec.id() + " has an unknown startup position: " + position);
  }
}
