package io.statefun.flink.io.kafka;

import io.statefun.sdk.io.EgressIdentifier;
import java.time.Duration;
import org.apache.flink.streaming.api.environment.CheckpointConfig;

/**
 * Checks an exactly-once egress's transaction timeout against the job's checkpointing at build
 * time. A transaction stays open from one checkpoint to the commit after the next; if the broker
 * aborts it sooner (its timeout), the records of a completed checkpoint are lost. After a failure
 * the restored job commits the pending transactions, so the timeout must also cover a restart.
 */
final class TransactionTimeouts {
  /** What a restart may add to a checkpoint interval before pending transactions commit. */
  static final Duration RESTART_ALLOWANCE = Duration.ofMinutes(1);

  private TransactionTimeouts() {}

  static void validate(EgressIdentifier<?> egress, Duration timeout, CheckpointConfig checkpoints) {
    if (!checkpoints.isCheckpointingEnabled()) {
      throw new IllegalArgumentException(
          "Kafka egress "
              + egress
              + " is exactly-once, which commits its records when a checkpoint completes, but the"
              + " job does not checkpoint: set execution.checkpointing.interval, or choose"
              + " withAtLeastOnceProducerSemantics()");
    }
    Duration interval = Duration.ofMillis(checkpoints.getCheckpointInterval());
    Duration needed = interval.plus(RESTART_ALLOWANCE);
    if (timeout.compareTo(needed) < 0) {
      throw new IllegalArgumentException(
          "Kafka egress "
              + egress
              + " has an exactly-once transaction timeout of "
              + timeout
              + ", shorter than the checkpoint interval ("
              + interval
              + ") plus "
              + RESTART_ALLOWANCE
              + " for a restart: the broker would abort transactions of completed checkpoints."
              + " Raise it with KafkaEgressBuilder.withExactlyOnceProducerSemantics(Duration) (at"
              + " most the brokers' transaction.max.timeout.ms) or checkpoint more often");
    }
  }
}
