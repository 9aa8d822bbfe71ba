package io.statefun.flink.core.failure;

import io.statefun.sdk.Address;
import io.statefun.sdk.io.DeadLetter;
import org.apache.flink.annotation.Internal;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where one operator's dead letters go: to the dead-letter egress if a module binds it, else to the
 * log. Either way they are counted, so an unbound dead-letter egress does not hide them.
 */
@Internal
public final class DeadLetters {
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

  private final boolean egressBound;
  private final Counter counter;

  public DeadLetters(boolean egressBound, Counter counter) {
    this.egressBound = egressBound;
    this.counter = counter;
  }

  /**
   * Logs an input record skipped under the dead-letter policy where no dead letter can be made (a
   * record a source could not decode).
   */
  public static void logSkipped(RuntimeException failure) {
    LOG.warn("skipped under failure policy dead-letter: {}", failure.getMessage(), failure);
  }

  /** Whether a module binds the dead-letter egress: only then is there a place to send to. */
  public boolean egressBound() {
    return egressBound;
  }

  /**
   * Counts a failure and makes its dead letter, which the caller sends to the dead-letter egress if
   * it is bound; logs it if not. {@code failure} is the runtime's exception with the context, its
   * cause the user's.
   */
  public DeadLetter letter(
      DeadLetter.Cause cause,
      Address target,
      Address sender,
      String ingress,
      Object payload,
      RuntimeException failure) {
    return letter(cause, target, sender, ingress, payload, RecordRendering.of(payload), failure);
  }

  /** Like {@link #letter(DeadLetter.Cause, Address, Address, String, Object, RuntimeException)}. */
  public DeadLetter letter(
      DeadLetter.Cause cause,
      Address target,
      Address sender,
      String ingress,
      Object payload,
      String payloadDescription,
      RuntimeException failure) {
    Throwable userFailure = failure.getCause() != null ? failure.getCause() : failure;
    DeadLetter letter =
        new DeadLetter(
            cause,
            target,
            sender,
            ingress,
            payload,
            payloadDescription,
            userFailure.getClass().getName(),
            userFailure.getMessage(),
            System.currentTimeMillis());
    counter.inc();
    if (egressBound) {
      LOG.debug("dead letter: {}", failure.getMessage(), failure);
    } else {
      LOG.warn(
          "dead letter (bind egress {} to keep them): {}",
          DeadLetter.EGRESS,
          failure.getMessage(),
          failure);
    }
    return letter;
  }
}
