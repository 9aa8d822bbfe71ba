package io.statefun.sdk.kafka.routable;

import io.statefun.sdk.kafka.KafkaIngressDeserializer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads a Kafka record in {@link TypedRecordFormat} with a UTF-8 key. */
final class RoutableKafkaDeserializer implements KafkaIngressDeserializer<RoutableKafkaRecord> {
  private static final long serialVersionUID = 1L;

  @Override
  public RoutableKafkaRecord deserialize(ConsumerRecord<byte[], byte[]> input) {
    if (input.key() == null) {
      throw new IllegalArgumentException(
          "the record has no key, but a routable ingress uses the key as the target id");
    }
    String key = new String(input.key(), StandardCharsets.UTF_8);
    return new RoutableKafkaRecord(input.topic(), key, TypedRecordFormat.decode(input.value()));
  }
}
