package io.statefun.flink.core.functions;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * The invocation metrics of one function type in one subtask: how many invocations (a meter), how
 * many failed, how many of those became dead letters, and how long they took. Only every {@value
 * #LATENCY_SAMPLE_EVERY}th invocation is timed, so the hot path reads the clock rarely; the
 * histogram keeps the last {@value #LATENCY_WINDOW} samples. Task thread only.
 */
final class InvocationMetrics {
  static final String INVOCATIONS = "invocations";
  static final String FAILURES = "failures";
  static final String DEAD_LETTERS = "deadLetters";
  // Not "...Latency..." or "...Time...": Flink's web UI shows such metrics as milliseconds.
  static final String LATENCY = "invocationDurationNanos";
  static final int LATENCY_SAMPLE_EVERY = 64;
  static final int LATENCY_WINDOW = 1024;

  /** What {@link #started()} returns for an invocation that is not timed. */
  private static final long NOT_TIMED = Long.MIN_VALUE;

  private static final long SAMPLE_MASK = LATENCY_SAMPLE_EVERY - 1;

  private final Counter invocations = new SimpleCounter();
  private final Counter failures;
  private final Counter deadLetters;
  private final Histogram latency;

  InvocationMetrics(MetricGroup type) {
    type.meter(INVOCATIONS, new MeterView(invocations));
    failures = type.counter(FAILURES);
    deadLetters = type.counter(DEAD_LETTERS);
    latency = type.histogram(LATENCY, new DescriptiveStatisticsHistogram(LATENCY_WINDOW));
  }

  /** Counts an invocation that starts now; returns the token {@link #succeeded} takes. */
  long started() {
    invocations.inc();
    return (invocations.getCount() & SAMPLE_MASK) == 0 ? System.nanoTime() : NOT_TIMED;
  }

  void succeeded(long startToken) {
    if (startToken != NOT_TIMED) {
      latency.update(System.nanoTime() - startToken);
    }
  }

  void failed() {
    failures.inc();
  }

  /** A failed invocation whose message became a dead letter (its type's policy is dead-letter). */
  void deadLettered() {
    deadLetters.inc();
  }
}
