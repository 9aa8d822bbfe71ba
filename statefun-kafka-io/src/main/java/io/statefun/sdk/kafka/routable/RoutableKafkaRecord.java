package io.statefun.sdk.kafka.routable;

import java.io.Serializable;
import java.util.Objects;

/**
 * What a routable Kafka ingress produces: the record's topic and key (the target id) and its
 * decoded payload (see {@link TypedRecordFormat}).
 */
public final class RoutableKafkaRecord implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String topic;
  private final String key;
  private final Object payload;

  public RoutableKafkaRecord(String topic, String key, Object payload) {
    this.topic = Objects.requireNonNull(topic, "topic");
    this.key = Objects.requireNonNull(key, "key");
    this.payload = Objects.requireNonNull(payload, "payload");
  }

  public String topic() {
    return topic;
  }

  /** The record key as UTF-8: the id of the addresses the record goes to. */
  public String key() {
    return key;
  }

  public Object payload() {
    return payload;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RoutableKafkaRecord other
        && topic.equals(other.topic)
        && key.equals(other.key)
        && payload.equals(other.payload);
  }

  @Override
  public int hashCode() {
    return Objects.hash(topic, key, payload);
  }

  @Override
  public String toString() {
    return "RoutableKafkaRecord(" + topic + ", " + key + ", " + payload + ")";
  }
}
