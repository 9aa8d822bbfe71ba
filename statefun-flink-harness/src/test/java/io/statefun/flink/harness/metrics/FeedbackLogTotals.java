package io.statefun.flink.harness.metrics;

/** The feedback log's metrics summed over every subtask and attempt of a test's jobs. */
public final class FeedbackLogTotals {
  private final CollectingReporter reporter;

  public FeedbackLogTotals(CollectingReporter reporter) {
    this.reporter = reporter;
  }

  public long commits() {
    return reporter.sum("feedbackLogCommits");
  }

  public long records() {
    return reporter.sum("feedbackLogRecords");
  }

  public long spilledBytes() {
    return reporter.sum("feedbackLogSpilledBytes");
  }

  public long replayedRecords() {
    return reporter.sum("feedbackLogReplayedRecords");
  }

  public long maxRecordsPerCheckpoint() {
    return reporter.max("feedbackLogMaxRecordsPerCheckpoint");
  }
}
