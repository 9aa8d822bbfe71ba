package io.statefun.flink.io.kafka;

import io.statefun.flink.core.io.IoTranslationContext;
import io.statefun.flink.io.SinkEgressSpec;
import io.statefun.sdk.kafka.KafkaEgressSpec;
import io.statefun.sdk.kafka.KafkaProducerSemantic;
import java.time.Duration;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.KafkaSinkBuilder;
import org.apache.kafka.clients.producer.ProducerConfig;

/** Builds the Kafka sink of a Kafka egress. */
final class KafkaSinks {
  private KafkaSinks() {}

  static <T> SinkEgressSpec<T> egress(KafkaEgressSpec<T> spec, IoTranslationContext context) {
    return new SinkEgressSpec<>(spec.id(), sink(spec, context));
  }

  static <T> Sink<T> sink(KafkaEgressSpec<T> spec, IoTranslationContext context) {
    KafkaProducerSemantic semantic = spec.semantic();
    KafkaSinkBuilder<T> builder =
        KafkaSink.<T>builder()
            .setKafkaProducerConfig(spec.properties())
            .setBootstrapServers(spec.kafkaAddress())
            .setRecordSerializer(new EgressRecordSerializer<>(spec.id(), spec.serializer()));
    if (!spec.properties().containsKey(ProducerConfig.METRIC_REPORTER_CLASSES_CONFIG)) {
      // Kafka's default JMX reporter: after a cancel, a producer of the exactly-once sink left its
      // producer-metrics MBean in the JVM's platform MBean server, which kept the job's class
      // loader (all its classes and statics) alive on the TaskManager, one more per job run on a
      // session cluster (statefun-e2e-tests, GreeterOnClusterIT). Flink's Kafka writer reports the
      // producer's metrics through Flink's metric system anyway; a spec that names reporters
      // keeps them.
      builder.setProperty(ProducerConfig.METRIC_REPORTER_CLASSES_CONFIG, "");
    }
    if (semantic.isExactlyOnceSemantic()) {
      Duration timeout = semantic.asExactlyOnceSemantic().transactionTimeout();
      TransactionTimeouts.validate(spec.id(), timeout, context.environment().getCheckpointConfig());
      KafkaSink<T> sink =
          builder
              .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
              .setTransactionalIdPrefix(DerivedNames.transactionalIdPrefix(spec, context.jobName()))
              .setProperty(
                  ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, Long.toString(timeout.toMillis()))
              .build();
      return new ExplainingKafkaSink<>(sink, spec.id(), timeout);
    }
    return builder
        .setDeliveryGuarantee(
            semantic.isAtLeastOnceSemantic()
                ? DeliveryGuarantee.AT_LEAST_ONCE
                : DeliveryGuarantee.NONE)
        .build();
  }
}
