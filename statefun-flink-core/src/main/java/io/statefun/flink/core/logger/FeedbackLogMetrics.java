package io.statefun.flink.core.logger;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * The feedback log's metrics: records logged by the last checkpoint, bytes spilled, and the time
 * from a checkpoint's snapshot to its sentinel. Also summed JVM-wide in {@link #totals()}, which
 * tests read to prove that the log was exercised.
 */
public final class FeedbackLogMetrics {
  private static final Totals TOTALS = new Totals();

  private final Counter spilledBytes;
  private volatile long lastRecords;
  private volatile long lastBarrierToSentinelMillis;

  public FeedbackLogMetrics(MetricGroup group) {
    this.spilledBytes = group.counter("feedbackLogSpilledBytes");
    group.gauge("feedbackLogRecordsLastCheckpoint", () -> lastRecords);
    group.gauge("feedbackLogBarrierToSentinelMillis", () -> lastBarrierToSentinelMillis);
  }

  void committed(long records, long spilled, long barrierToSentinelMillis) {
    lastRecords = records;
    lastBarrierToSentinelMillis = barrierToSentinelMillis;
    spilledBytes.inc(spilled);
    TOTALS.commits.incrementAndGet();
    TOTALS.records.addAndGet(records);
    TOTALS.spilledBytes.addAndGet(spilled);
    TOTALS.maxRecordsPerCheckpoint.accumulateAndGet(records, Math::max);
  }

  public static Totals totals() {
    return TOTALS;
  }

  /** Sums over every feedback log committed in this JVM. */
  public static final class Totals {
    public final AtomicLong commits = new AtomicLong();
    public final AtomicLong records = new AtomicLong();
    public final AtomicLong spilledBytes = new AtomicLong();
    public final AtomicLong maxRecordsPerCheckpoint = new AtomicLong();
    public final AtomicLong replayedRecords = new AtomicLong();

    public void reset() {
      commits.set(0);
      records.set(0);
      spilledBytes.set(0);
      maxRecordsPerCheckpoint.set(0);
      replayedRecords.set(0);
    }
  }
}
