package io.statefun.sdk.kafka;

import java.io.Serializable;
import java.util.Objects;

/**
 * One partition of one topic, as used by {@link KafkaIngressStartupPosition#fromSpecificOffsets}.
 */
public final class KafkaTopicPartition implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String topic;
  private final int partition;

  public KafkaTopicPartition(String topic, int partition) {
    this.topic = Objects.requireNonNull(topic, "topic");
    if (partition < 0) {
      throw new IllegalArgumentException(
          "partition of topic " + topic + " must not be negative: " + partition);
    }
    this.partition = partition;
  }

  /**
   * Parses {@code <topic>/<partition>}; the topic may itself contain '/', the partition is what
   * follows the last one.
   */
  public static KafkaTopicPartition fromString(String topicAndPartition) {
    int slash = topicAndPartition.lastIndexOf('/');
    if (slash <= 0 || slash == topicAndPartition.length() - 1) {
      throw new IllegalArgumentException(
          "expected <topic>/<partition>, but was '" + topicAndPartition + "'");
    }
    String partition = topicAndPartition.substring(slash + 1);
    try {
      return new KafkaTopicPartition(
          topicAndPartition.substring(0, slash), Integer.parseInt(partition));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "the partition of '" + topicAndPartition + "' is not a number: " + partition, e);
    }
  }

  public String topic() {
    return topic;
  }

  public int partition() {
    return partition;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KafkaTopicPartition other
        && partition == other.partition
        && topic.equals(other.topic);
  }

  @Override
  public int hashCode() {
    return 31 * topic.hashCode() + partition;
  }

  /** {@code <topic>/<partition>}, the form {@link #fromString} reads. */
  @Override
  public String toString() {
    return topic + "/" + partition;
  }
}
