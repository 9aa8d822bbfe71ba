package io.statefun.sdk.kafka;

import java.util.Locale;

/**
 * Where an ingress starts in a partition that has no committed group offset (with {@link
 * KafkaIngressStartupPosition#fromGroupOffsets()}) or whose requested offset does not exist.
 */
public enum KafkaIngressAutoResetPosition {
  EARLIEST,
  LATEST;

  /** The value of Kafka's {@code auto.offset.reset} consumer property. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
