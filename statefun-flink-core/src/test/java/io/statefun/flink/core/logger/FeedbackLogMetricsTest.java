package io.statefun.flink.core.logger;

import static io.statefun.flink.core.logger.LogTestSupport.closeAndGetHandle;
import static io.statefun.flink.core.logger.LogTestSupport.idPerKeyGroup;
import static io.statefun.flink.core.logger.LogTestSupport.memoryStream;
import static io.statefun.flink.core.logger.LogTestSupport.messages;
import static io.statefun.flink.core.logger.LogTestSupport.readAll;
import static io.statefun.flink.core.logger.LogTestSupport.serializedSize;
import static io.statefun.flink.core.logger.LogTestSupport.serializer;
import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.flink.core.message.Message;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.runtime.state.KeyGroupRange;
import org.apache.flink.runtime.state.KeyedStateCheckpointOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JVM-wide totals and the per-subtask metrics count committed logs only. */
class FeedbackLogMetricsTest {
  private static final KeyGroupRange RANGE = KeyGroupRange.of(0, 7);

  @TempDir File spillDir;

  private FeedbackLogMetrics.Totals totals;
  private List<String> ids;

  @BeforeEach
  void setUp() {
    totals = FeedbackLogMetrics.totals();
    totals.reset();
    ids = new ArrayList<>(idPerKeyGroup(RANGE).values());
  }

  /** An unregistered group that remembers what was registered on it. */
  private static final class RecordingGroup extends UnregisteredMetricsGroup {
    final Map<String, Metric> metrics = new HashMap<>();

    @Override
    public Counter counter(String name) {
      Counter counter = super.counter(name);
      metrics.put(name, counter);
      return counter;
    }

    @Override
    public <C extends Counter> C counter(String name, C counter) {
      metrics.put(name, counter);
      return counter;
    }

    @Override
    public <T, G extends Gauge<T>> G gauge(String name, G gauge) {
      metrics.put(name, gauge);
      return gauge;
    }
  }

  private FeedbackLogger logger(long budget, FeedbackLogMetrics metrics) {
    return new FeedbackLogger(
        serializer(), LogTestSupport.keyGroupOf(), RANGE, budget, spillDir, metrics);
  }

  private static void logAndCommit(FeedbackLogger logger, long checkpoint, List<Message> messages)
      throws IOException {
    KeyedStateCheckpointOutputStream out = memoryStream(RANGE);
    logger.startLogging(checkpoint, out, List.of());
    for (Message message : messages) {
      logger.append(message);
    }
    logger.commit(checkpoint);
    closeAndGetHandle(out);
  }

  @Test
  void totalsCountCommitsRecordsAndNoSpillWithinBudget() throws IOException {
    try (FeedbackLogger logger =
        logger(1 << 20, new FeedbackLogMetrics(new UnregisteredMetricsGroup()))) {
      logAndCommit(logger, 1, messages(ids, 17, 0));
      logAndCommit(logger, 2, messages(ids, 40, 100));
      logAndCommit(logger, 3, List.of());
    }

    assertThat(totals.commits.get()).isEqualTo(3);
    assertThat(totals.records.get()).isEqualTo(57);
    assertThat(totals.maxRecordsPerCheckpoint.get()).isEqualTo(40);
    assertThat(totals.spilledBytes.get()).isZero();
    assertThat(totals.replayedRecords.get()).isZero();
  }

  @Test
  void totalsCountSpilledBytes() throws IOException {
    List<Message> first = messages(ids, 100, 0);
    List<Message> second = messages(ids, 30, 1000);
    try (FeedbackLogger logger =
        logger(0, new FeedbackLogMetrics(new UnregisteredMetricsGroup()))) {
      logAndCommit(logger, 1, first);
      logAndCommit(logger, 2, second);
    }

    assertThat(totals.commits.get()).isEqualTo(2);
    assertThat(totals.records.get()).isEqualTo(130);
    assertThat(totals.spilledBytes.get()).isEqualTo(serializedSize(first) + serializedSize(second));
  }

  @Test
  void totalsCountEveryOpenLogThatAppendedARecord() throws IOException {
    List<Message> shared = messages(ids, 10, 0);
    try (FeedbackLogger logger =
        logger(1 << 20, new FeedbackLogMetrics(new UnregisteredMetricsGroup()))) {
      KeyedStateCheckpointOutputStream out1 = memoryStream(RANGE);
      KeyedStateCheckpointOutputStream out2 = memoryStream(RANGE);
      logger.startLogging(1, out1, messages(ids, 3, 500));
      logger.startLogging(2, out2, messages(ids, 4, 600));
      for (Message message : shared) {
        logger.append(message);
      }
      logger.commit(1);
      logger.commit(2);
      closeAndGetHandle(out1);
      closeAndGetHandle(out2);
    }
    assertThat(totals.commits.get()).isEqualTo(2);
    assertThat(totals.records.get()).isEqualTo(13 + 14);
    assertThat(totals.maxRecordsPerCheckpoint.get()).isEqualTo(14);
  }

  @Test
  void abortedAndAbandonedLogsAreNotCounted() throws IOException {
    try (FeedbackLogger logger =
        logger(0, new FeedbackLogMetrics(new UnregisteredMetricsGroup()))) {
      KeyedStateCheckpointOutputStream out1 = memoryStream(RANGE);
      KeyedStateCheckpointOutputStream out2 = memoryStream(RANGE);
      KeyedStateCheckpointOutputStream out3 = memoryStream(RANGE);
      logger.startLogging(1, out1, List.of());
      logger.startLogging(2, out2, List.of());
      logger.startLogging(3, out3, List.of());
      for (Message message : messages(ids, 20, 0)) {
        logger.append(message);
      }
      logger.abort(2);
      logger.commit(3); // abandons 1
      closeAndGetHandle(out1);
      closeAndGetHandle(out2);
      closeAndGetHandle(out3);
    }
    assertThat(totals.commits.get()).isEqualTo(1);
    assertThat(totals.records.get()).isEqualTo(20);
    assertThat(totals.spilledBytes.get()).isEqualTo(serializedSize(messages(ids, 20, 0)));
  }

  @Test
  void readerCountsReplayedRecords() throws IOException {
    KeyedStateCheckpointOutputStream out = memoryStream(RANGE);
    try (FeedbackLogger logger =
        logger(1 << 20, new FeedbackLogMetrics(new UnregisteredMetricsGroup()))) {
      logger.startLogging(1, out, List.of());
      for (Message message : messages(ids, 25, 0)) {
        logger.append(message);
      }
      logger.commit(1);
    }
    var handle = closeAndGetHandle(out);
    readAll(handle);
    readAll(handle);
    assertThat(totals.replayedRecords.get()).isEqualTo(50);
  }

  @Test
  void resetZeroesEveryTotal() throws IOException {
    try (FeedbackLogger logger =
        logger(0, new FeedbackLogMetrics(new UnregisteredMetricsGroup()))) {
      logAndCommit(logger, 1, messages(ids, 5, 0));
    }
    assertThat(totals.commits.get()).isPositive();
    assertThat(totals.spilledBytes.get()).isPositive();

    totals.reset();

    assertThat(totals.commits.get()).isZero();
    assertThat(totals.records.get()).isZero();
    assertThat(totals.spilledBytes.get()).isZero();
    assertThat(totals.maxRecordsPerCheckpoint.get()).isZero();
    assertThat(totals.replayedRecords.get()).isZero();
  }

  @Test
  void subtaskMetricsReportTheLastCheckpointAndAccumulateSpilledBytes() throws IOException {
    RecordingGroup group = new RecordingGroup();
    FeedbackLogMetrics metrics = new FeedbackLogMetrics(group);
    assertThat(group.metrics)
        .containsOnlyKeys(
            "feedbackLogSpilledBytes",
            "feedbackLogRecordsLastCheckpoint",
            "feedbackLogBarrierToSentinelMillis");
    Counter spilled = (Counter) group.metrics.get("feedbackLogSpilledBytes");
    Gauge<?> lastRecords = (Gauge<?>) group.metrics.get("feedbackLogRecordsLastCheckpoint");
    Gauge<?> barrierToSentinel = (Gauge<?>) group.metrics.get("feedbackLogBarrierToSentinelMillis");

    List<Message> first = messages(ids, 12, 0);
    List<Message> second = messages(ids, 5, 100);
    try (FeedbackLogger logger = logger(0, metrics)) {
      logAndCommit(logger, 1, first);
      assertThat(lastRecords.getValue()).isEqualTo(12L);
      logAndCommit(logger, 2, second);
      assertThat(lastRecords.getValue()).isEqualTo(5L);
    }
    assertThat(spilled.getCount()).isEqualTo(serializedSize(first) + serializedSize(second));
    assertThat((Long) barrierToSentinel.getValue()).isNotNegative();
  }
}
