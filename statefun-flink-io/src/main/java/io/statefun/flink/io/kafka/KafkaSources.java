package io.statefun.flink.io.kafka;

import io.statefun.flink.io.SourceIngressSpec;
import io.statefun.sdk.kafka.KafkaIngressSpec;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/** Builds the Kafka source of a Kafka ingress. */
final class KafkaSources {
  private KafkaSources() {}

  /**
   * @param skipPoison whether a record the deserializer fails on is skipped (logged and counted)
   *     rather than failing the task
   */
  static <T> SourceIngressSpec<T> ingress(
      KafkaIngressSpec<T> spec, String jobName, boolean skipPoison) {
    return new SourceIngressSpec<>(
        spec.id(), source(spec, jobName, skipPoison), WatermarkStrategy.noWatermarks());
  }

  static <T> KafkaSource<T> source(KafkaIngressSpec<T> spec, String jobName) {
    return source(spec, jobName, false);
  }

  static <T> KafkaSource<T> source(KafkaIngressSpec<T> spec, String jobName, boolean skipPoison) {
    Properties properties = spec.properties();
    // The starting offsets carry the auto-reset position; the source would override it anyway.
    properties.remove(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG);
    KafkaSourceBuilder<T> builder =
        KafkaSource.<T>builder()
            .setProperties(properties)
            .setStartingOffsets(StartingOffsets.of(spec))
            .setDeserializer(
                new IngressRecordDeserializer<>(spec.id(), spec.deserializer(), skipPoison));
    if (!properties.containsKey(ConsumerConfig.GROUP_ID_CONFIG)) {
      // Committing offsets at checkpoints needs a group; a stable one per job and ingress.
      builder.setGroupId(DerivedNames.name(jobName, spec.id().namespace(), spec.id().name()));
    }
    if (spec.topicPattern().isPresent()) {
      builder.setTopicPattern(spec.topicPattern().get());
    } else {
      builder.setTopics(spec.topics());
    }
    return builder.build();
  }
}
