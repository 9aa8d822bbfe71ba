package io.statefun.sdk.kafka;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/** The delivery guarantee of a Kafka egress. The default is {@link #atLeastOnce()}. */
public abstract class KafkaProducerSemantic implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * The transaction timeout of {@link KafkaEgressBuilder#withExactlyOnceProducerSemantics()}: below
   * the broker's default {@code transaction.max.timeout.ms} (15 minutes), and long enough to
   * outlast a checkpoint interval of a few minutes plus a restart.
   */
  public static final Duration DEFAULT_TRANSACTION_TIMEOUT = Duration.ofMinutes(10);

  private KafkaProducerSemantic() {}

  /**
   * Records are written in Kafka transactions committed when a checkpoint completes: readers with
   * {@code isolation.level=read_committed} see each record exactly once, also across failures.
   * Requires checkpointing. Output becomes visible only at checkpoints.
   *
   * @param transactionTimeout how long the broker keeps a transaction open before aborting it: must
   *     be longer than the checkpoint interval plus the time a restart takes (or records of a
   *     checkpoint that completed may be aborted), and at most the broker's {@code
   *     transaction.max.timeout.ms} (or the broker refuses the producer)
   */
  public static KafkaProducerSemantic exactlyOnce(Duration transactionTimeout) {
    return new ExactlyOnce(transactionTimeout);
  }

  /**
   * Records are flushed at each checkpoint: none is lost, some may be written twice after a
   * failure.
   */
  public static KafkaProducerSemantic atLeastOnce() {
    return new AtLeastOnce();
  }

  /** Records are handed to the producer and not waited for: a failure may lose or repeat some. */
  public static KafkaProducerSemantic none() {
    return new NoSemantics();
  }

  public boolean isExactlyOnceSemantic() {
    return this instanceof ExactlyOnce;
  }

  public ExactlyOnce asExactlyOnceSemantic() {
    if (this instanceof ExactlyOnce exactlyOnce) {
      return exactlyOnce;
    }
    throw new IllegalStateException("this producer semantic is not exactly-once: " + this);
  }

  public boolean isAtLeastOnceSemantic() {
    return this instanceof AtLeastOnce;
  }

  public AtLeastOnce asAtLeastOnceSemantic() {
    if (this instanceof AtLeastOnce atLeastOnce) {
      return atLeastOnce;
    }
    throw new IllegalStateException("this producer semantic is not at-least-once: " + this);
  }

  public boolean isNoSemantic() {
    return this instanceof NoSemantics;
  }

  public NoSemantics asNoSemantic() {
    if (this instanceof NoSemantics none) {
      return none;
    }
    throw new IllegalStateException("this producer semantic is not 'none': " + this);
  }

  /** Transactional writes, committed with checkpoints. */
  public static final class ExactlyOnce extends KafkaProducerSemantic {
    private static final long serialVersionUID = 1L;
    private final Duration transactionTimeout;

    private ExactlyOnce(Duration transactionTimeout) {
      Objects.requireNonNull(transactionTimeout, "transaction timeout");
      if (transactionTimeout.isNegative()
          || transactionTimeout.isZero()
          || transactionTimeout.toMillis() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "the exactly-once transaction timeout must be positive and at most "
                + Integer.MAX_VALUE
                + " ms: "
                + transactionTimeout);
      }
      this.transactionTimeout = transactionTimeout;
    }

    public Duration transactionTimeout() {
      return transactionTimeout;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ExactlyOnce other && transactionTimeout.equals(other.transactionTimeout);
    }

    @Override
    public int hashCode() {
      return transactionTimeout.hashCode();
    }

    @Override
    public String toString() {
      return "exactly-once (transaction timeout " + transactionTimeout + ")";
    }
  }

  /** Flushed at checkpoints. */
  public static final class AtLeastOnce extends KafkaProducerSemantic {
    private static final long serialVersionUID = 1L;

    private AtLeastOnce() {}

    @Override
    public boolean equals(Object o) {
      return o instanceof AtLeastOnce;
    }

    @Override
    public int hashCode() {
      return 1;
    }

    @Override
    public String toString() {
      return "at-least-once";
    }
  }

  /** Fire and forget. */
  public static final class NoSemantics extends KafkaProducerSemantic {
    private static final long serialVersionUID = 1L;

    private NoSemantics() {}

    @Override
    public boolean equals(Object o) {
      return o instanceof NoSemantics;
    }

    @Override
    public int hashCode() {
      return 2;
    }

    @Override
    public String toString() {
      return "none";
    }
  }
}
