package io.statefun.flink.io.kafka;

import io.statefun.sdk.io.EgressIdentifier;
import java.time.Duration;

/** The broker refused an exactly-once egress's transaction timeout as above its maximum. */
public final class TransactionTimeoutRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  TransactionTimeoutRefusedException(
      EgressIdentifier<?> egress, Duration timeout, Throwable cause) {
    super(
        "Kafka egress "
            + egress
            + ": the broker refused the exactly-once transaction timeout of "
            + timeout
            + " because it exceeds the broker setting transaction.max.timeout.ms (15 minutes by"
            + " default). Lower it with KafkaEgressBuilder.withExactlyOnceProducerSemantics(Duration)"
            + " or raise transaction.max.timeout.ms on the brokers",
        cause);
  }
}
