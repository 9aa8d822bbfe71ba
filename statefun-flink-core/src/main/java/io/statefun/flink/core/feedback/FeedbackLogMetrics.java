package io.statefun.flink.core.feedback;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * The feedback log's metrics of one subtask, in Flink's metric system: logs committed, records
 * logged (in total, by the last checkpoint and at most by one checkpoint), bytes spilled, records
 * replayed by a restore, and the time from a checkpoint's snapshot to its sentinel.
 */
final class FeedbackLogMetrics {
  private final Counter commits;
  private final Counter records;
  private final Counter spilledBytes;
  private final Counter replayedRecords;
  private volatile long lastRecords;
  private volatile long maxRecords;
  private volatile long lastBarrierToSentinelMillis;

  FeedbackLogMetrics(MetricGroup group) {
    this.spilledBytes = group.counter("feedbackLogSpilledBytes");
    group.gauge("feedbackLogRecordsLastCheckpoint", () -> lastRecords);
    group.gauge("feedbackLogBarrierToSentinelMillis", () -> lastBarrierToSentinelMillis);
    this.commits = group.counter("feedbackLogCommits");
    this.records = group.counter("feedbackLogRecords");
    this.replayedRecords = group.counter("feedbackLogReplayedRecords");
    group.gauge("feedbackLogMaxRecordsPerCheckpoint", () -> maxRecords);
  }

  void committed(long logged, long spilled, long barrierToSentinelMillis) {
    lastRecords = logged;
    maxRecords = Math.max(maxRecords, logged);
    lastBarrierToSentinelMillis = barrierToSentinelMillis;
    spilledBytes.inc(spilled);
    commits.inc();
    records.inc(logged);
  }

  void replayed(long count) {
    replayedRecords.inc(count);
  }
}
