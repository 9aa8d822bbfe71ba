package io.statefun.sdk.kafka;

import java.io.Serializable;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns a Kafka record into the object an ingress hands to its routers.
 *
 * <p>Serialized into the job with the ingress spec, and called on the ingress's source threads. An
 * exception thrown here fails the job with an error that names the ingress, topic, partition and
 * offset of the record.
 *
 * @param <T> what the ingress produces
 */
public interface KafkaIngressDeserializer<T> extends Serializable {

  /**
   * @param input the record as read, with its topic, partition, offset, key, value, headers and
   *     timestamp
   * @return the ingress record; must not be null
   */
  T deserialize(ConsumerRecord<byte[], byte[]> input);
}
