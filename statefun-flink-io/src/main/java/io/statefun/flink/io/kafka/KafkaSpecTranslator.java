package io.statefun.flink.io.kafka;

import io.statefun.flink.core.config.FailurePolicy;
import io.statefun.flink.core.io.IoSpecTranslator;
import io.statefun.flink.core.io.IoTranslationContext;
import io.statefun.flink.core.io.StreamEgressSpec;
import io.statefun.flink.core.io.StreamIngressSpec;
import io.statefun.sdk.io.EgressSpec;
import io.statefun.sdk.io.IngressSpec;
import io.statefun.sdk.kafka.KafkaEgressSpec;
import io.statefun.sdk.kafka.KafkaIngressSpec;

/** Runs the specs of {@code statefun-kafka-io} on flink-connector-kafka's source and sink. */
public final class KafkaSpecTranslator implements IoSpecTranslator {

  @Override
  public <T> StreamIngressSpec<T> translateIngress(
      IngressSpec<T> spec, IoTranslationContext context) {
    if (spec instanceof KafkaIngressSpec<T> kafka) {
      return KafkaSources.ingress(
          kafka, context.jobName(), context.ingressFailurePolicy() == FailurePolicy.DEAD_LETTER);
    }
    return null;
  }

  @Override
  public <T> StreamEgressSpec<T> translateEgress(EgressSpec<T> spec, IoTranslationContext context) {
    if (spec instanceof KafkaEgressSpec<T> kafka) {
      return KafkaSinks.egress(kafka, context);
    }
    return null;
  }
}
