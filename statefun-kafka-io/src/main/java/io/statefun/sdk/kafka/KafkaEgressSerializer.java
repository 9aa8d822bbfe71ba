package io.statefun.sdk.kafka;

import java.io.Serializable;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Turns what functions send to a Kafka egress into a Kafka record. The record names its topic, and
 * may set key, partition, timestamp and headers: the egress writes it as it is.
 *
 * <p>Serialized into the job with the egress spec and called on the egress's sink threads.
 *
 * @param <OutT> what functions send to the egress
 */
public interface KafkaEgressSerializer<OutT> extends Serializable {

  /** The record to write for {@code t}; must not be null. */
  ProducerRecord<byte[], byte[]> serialize(OutT t);
}
