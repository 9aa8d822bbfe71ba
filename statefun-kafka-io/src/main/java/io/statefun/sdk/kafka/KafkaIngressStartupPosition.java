package io.statefun.sdk.kafka;

import java.io.Serializable;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where a Kafka ingress starts reading when the job starts without state; a job restored from a
 * checkpoint or savepoint continues from the offsets it had reached instead. The default is {@link
 * #fromLatest()}.
 */
public abstract class KafkaIngressStartupPosition implements Serializable {
  private static final long serialVersionUID = 1L;

  private KafkaIngressStartupPosition() {}

  /**
   * The consumer group's committed offsets (a group id is required); partitions without one start
   * at the {@link KafkaIngressAutoResetPosition} set on the builder (latest unless set).
   */
  public static KafkaIngressStartupPosition fromGroupOffsets() {
    return new GroupOffsetsPosition();
  }

  /** The first offset still held by each partition. */
  public static KafkaIngressStartupPosition fromEarliest() {
    return new EarliestPosition();
  }

  /** The end of each partition: only records written after the job started. */
  public static KafkaIngressStartupPosition fromLatest() {
    return new LatestPosition();
  }

  /**
   * The given offset of each listed partition (the next record read is the one at that offset);
   * partitions not listed start at the builder's {@link KafkaIngressAutoResetPosition}.
   */
  public static KafkaIngressStartupPosition fromSpecificOffsets(
      Map<KafkaTopicPartition, Long> specificOffsets) {
    return new SpecificOffsetsPosition(specificOffsets);
  }

  /**
   * The first record of each partition whose timestamp is at or after {@code date}; partitions with
   * none start at their end.
   */
  public static KafkaIngressStartupPosition fromDate(ZonedDateTime date) {
    return new DatePosition(date);
  }

  public boolean isGroupOffsets() {
    return this instanceof GroupOffsetsPosition;
  }

  public boolean isEarliest() {
    return this instanceof EarliestPosition;
  }

  public boolean isLatest() {
    return this instanceof LatestPosition;
  }

  public boolean isSpecificOffsets() {
    return this instanceof SpecificOffsetsPosition;
  }

  public boolean isDate() {
    return this instanceof DatePosition;
  }

  public SpecificOffsetsPosition asSpecificOffsets() {
    if (this instanceof SpecificOffsetsPosition position) {
      return position;
    }
    throw new IllegalStateException("this startup position is not specific offsets: " + this);
  }

  public DatePosition asDate() {
    if (this instanceof DatePosition position) {
      return position;
    }
    throw new IllegalStateException("this startup position is not a date: " + this);
  }

  @Override
  public boolean equals(Object o) {
    return o != null && o.getClass() == getClass();
  }

  @Override
  public int hashCode() {
    return getClass().hashCode();
  }

  /** Starts from the consumer group's committed offsets. */
  public static final class GroupOffsetsPosition extends KafkaIngressStartupPosition {
    private static final long serialVersionUID = 1L;

    @Override
    public String toString() {
      return "group offsets";
    }
  }

  /** Starts from the earliest offsets. */
  public static final class EarliestPosition extends KafkaIngressStartupPosition {
    private static final long serialVersionUID = 1L;

    @Override
    public String toString() {
      return "earliest";
    }
  }

  /** Starts from the latest offsets. */
  public static final class LatestPosition extends KafkaIngressStartupPosition {
    private static final long serialVersionUID = 1L;

    @Override
    public String toString() {
      return "latest";
    }
  }

  /** Starts from given offsets per partition. */
  public static final class SpecificOffsetsPosition extends KafkaIngressStartupPosition {
    private static final long serialVersionUID = 1L;
    private final Map<KafkaTopicPartition, Long> specificOffsets;

    private SpecificOffsetsPosition(Map<KafkaTopicPartition, Long> specificOffsets) {
      Objects.requireNonNull(specificOffsets, "specific offsets");
      if (specificOffsets.isEmpty()) {
        throw new IllegalArgumentException("specific offsets must name at least one partition");
      }
      specificOffsets.forEach(
          (partition, offset) -> {
            if (offset == null || offset < 0) {
              throw new IllegalArgumentException(
                  "offset of " + partition + " must be a non-negative number: " + offset);
            }
          });
      this.specificOffsets = Collections.unmodifiableMap(new LinkedHashMap<>(specificOffsets));
    }

    public Map<KafkaTopicPartition, Long> specificOffsets() {
      return specificOffsets;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof SpecificOffsetsPosition other
          && specificOffsets.equals(other.specificOffsets);
    }

    @Override
    public int hashCode() {
      return specificOffsets.hashCode();
    }

    @Override
    public String toString() {
      return "specific offsets " + specificOffsets;
    }
  }

  /** Starts from the first record at or after a point in time. */
  public static final class DatePosition extends KafkaIngressStartupPosition {
    private static final long serialVersionUID = 1L;
    private final ZonedDateTime date;

    private DatePosition(ZonedDateTime date) {
      this.date = Objects.requireNonNull(date, "date");
    }

    public ZonedDateTime date() {
      return date;
    }

    /** The date as milliseconds since the epoch, as Kafka timestamps are. */
    public long epochMilli() {
      return date.toInstant().toEpochMilli();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof DatePosition other && date.toInstant().equals(other.date.toInstant());
    }

    @Override
    public int hashCode() {
      return date.toInstant().hashCode();
    }

    @Override
    public String toString() {
      return "date " + date;
    }
  }
}
