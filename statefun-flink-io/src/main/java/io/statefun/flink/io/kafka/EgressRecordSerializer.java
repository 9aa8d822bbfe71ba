package io.statefun.flink.io.kafka;

import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.kafka.KafkaEgressSerializer;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Calls an egress's serializer; a null record or one without a topic is an error naming it. */
final class EgressRecordSerializer<T> implements KafkaRecordSerializationSchema<T> {
  private static final long serialVersionUID = 1L;

  private final EgressIdentifier<T> egress;
  private final KafkaEgressSerializer<T> serializer;

  EgressRecordSerializer(EgressIdentifier<T> egress, KafkaEgressSerializer<T> serializer) {
    this.egress = egress;
    this.serializer = serializer;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      T element, KafkaSinkContext context, Long timestamp) {
    ProducerRecord<byte[], byte[]> record = serializer.serialize(element);
    if (record == null || record.topic() == null) {
      throw new IllegalStateException(
          "Kafka egress "
              + egress
              + ": the serializer "
              + serializer.getClass().getName()
              + " returned "
              + (record == null ? "null" : "a record without a topic")
              + " for a "
              + element.getClass().getName());
    }
    return record;
  }
}
