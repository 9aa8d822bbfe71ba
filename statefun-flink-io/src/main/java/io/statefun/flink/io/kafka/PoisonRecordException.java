package io.statefun.flink.io.kafka;

import io.statefun.sdk.io.IngressIdentifier;

/** A Kafka record an ingress's deserializer could not turn into an ingress record. */
public final class PoisonRecordException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String topic;
  private final int partition;
  private final long offset;

  PoisonRecordException(
      IngressIdentifier<?> ingress,
      String deserializer,
      String topic,
      int partition,
      long offset,
      String problem,
      Throwable cause) {
    super(
        "Kafka ingress "
            + ingress
            + ": the deserializer "
            + deserializer
            + " "
            + problem
            + " on the record at topic "
            + topic
            + ", partition "
            + partition
            + ", offset "
            + offset,
        cause);
    this.topic = topic;
    this.partition = partition;
    this.offset = offset;
  }

  public String topic() {
    return topic;
  }

  public int partition() {
    return partition;
  }

  public long offset() {
    return offset;
  }
}
