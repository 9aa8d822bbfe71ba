package io.statefun.flink.core.feedback;

import static io.statefun.flink.core.feedback.LogTestSupport.closeAndGetHandle;
import static io.statefun.flink.core.feedback.LogTestSupport.idPerKeyGroup;
import static io.statefun.flink.core.feedback.LogTestSupport.memoryStream;
import static io.statefun.flink.core.feedback.LogTestSupport.messages;
import static io.statefun.flink.core.feedback.LogTestSupport.readAll;
import static io.statefun.flink.core.feedback.LogTestSupport.serializedSize;
import static io.statefun.flink.core.feedback.LogTestSupport.serializer;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The feedback log's metrics count committed logs only. */
class FeedbackLogMetricsTest {
  private RecordingMetricGroup metrics = new RecordingMetricGroup();

  private static final KeyGroupRange RANGE = KeyGroupRange.of(0, 7);

  @TempDir File spillDir;

  private List<String> ids;

  @BeforeEach
  void setUp() {
    metrics = new RecordingMetricGroup();
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
    RawKeyedStream out = memoryStream(RANGE);
    logger.startLogging(checkpoint, out.out(), List.of());
    for (Message message : messages) {
      logger.append(message);
    }
    logger.commit(checkpoint);
    closeAndGetHandle(out);
  }

  @Test
  void metricsCountCommitsRecordsAndNoSpillWithinBudget() throws IOException {
    try (FeedbackLogger logger = logger(1 << 20, new FeedbackLogMetrics(metrics))) {
      logAndCommit(logger, 1, messages(ids, 17, 0));
      logAndCommit(logger, 2, messages(ids, 40, 100));
      logAndCommit(logger, 3, List.of());
    }

    assertThat(metrics.count("feedbackLogCommits")).isEqualTo(3);
    assertThat(metrics.count("feedbackLogRecords")).isEqualTo(57);
    assertThat(metrics.max("feedbackLogMaxRecordsPerCheckpoint")).isEqualTo(40);
    assertThat(metrics.count("feedbackLogSpilledBytes")).isZero();
    assertThat(metrics.count("feedbackLogReplayedRecords")).isZero();
  }

  @Test
  void metricsCountSpilledBytes() throws IOException {
    List<Message> first = messages(ids, 100, 0);
    List<Message> second = messages(ids, 30, 1000);
    try (FeedbackLogger logger = logger(0, new FeedbackLogMetrics(metrics))) {
      logAndCommit(logger, 1, first);
      logAndCommit(logger, 2, second);
    }

    assertThat(metrics.count("feedbackLogCommits")).isEqualTo(2);
    assertThat(metrics.count("feedbackLogRecords")).isEqualTo(130);
    assertThat(metrics.count("feedbackLogSpilledBytes"))
        .isEqualTo(serializedSize(first) + serializedSize(second));
  }

  @Test
  void metricsCountEveryOpenLogThatAppendedARecord() throws IOException {
    List<Message> shared = messages(ids, 10, 0);
    try (FeedbackLogger logger = logger(1 << 20, new FeedbackLogMetrics(metrics))) {
      RawKeyedStream out1 = memoryStream(RANGE);
      RawKeyedStream out2 = memoryStream(RANGE);
      logger.startLogging(1, out1.out(), messages(ids, 3, 500));
      logger.startLogging(2, out2.out(), messages(ids, 4, 600));
      for (Message message : shared) {
        logger.append(message);
      }
      logger.commit(1);
      logger.commit(2);
      closeAndGetHandle(out1);
      closeAndGetHandle(out2);
    }
    assertThat(metrics.count("feedbackLogCommits")).isEqualTo(2);
    assertThat(metrics.count("feedbackLogRecords")).isEqualTo(13 + 14);
    assertThat(metrics.max("feedbackLogMaxRecordsPerCheckpoint")).isEqualTo(14);
  }

  @Test
  void abortedAndAbandonedLogsAreNotCounted() throws IOException {
    try (FeedbackLogger logger = logger(0, new FeedbackLogMetrics(metrics))) {
      RawKeyedStream out1 = memoryStream(RANGE);
      RawKeyedStream out2 = memoryStream(RANGE);
      RawKeyedStream out3 = memoryStream(RANGE);
      logger.startLogging(1, out1.out(), List.of());
      logger.startLogging(2, out2.out(), List.of());
      logger.startLogging(3, out3.out(), List.of());
      for (Message message : messages(ids, 20, 0)) {
        logger.append(message);
      }
      logger.abort(2);
      logger.commit(3); // abandons 1
      closeAndGetHandle(out1);
      closeAndGetHandle(out2);
      closeAndGetHandle(out3);
    }
    assertThat(metrics.count("feedbackLogCommits")).isEqualTo(1);
    assertThat(metrics.count("feedbackLogRecords")).isEqualTo(20);
    assertThat(metrics.count("feedbackLogSpilledBytes"))
        .isEqualTo(serializedSize(messages(ids, 20, 0)));
  }

  @Test
  void readerCountsReplayedRecords() throws IOException {
    RawKeyedStream out = memoryStream(RANGE);
    try (FeedbackLogger logger = logger(1 << 20, new FeedbackLogMetrics(metrics))) {
      logger.startLogging(1, out.out(), List.of());
      for (Message message : messages(ids, 25, 0)) {
        logger.append(message);
      }
      logger.commit(1);
    }
    var handle = closeAndGetHandle(out);
    readAll(handle, new FeedbackLogMetrics(metrics));
    readAll(handle, new FeedbackLogMetrics(metrics));
    assertThat(metrics.count("feedbackLogReplayedRecords")).isEqualTo(50);
  }

  @Test
  void subtaskMetricsReportTheLastCheckpointAndAccumulateSpilledBytes() throws IOException {
    RecordingGroup group = new RecordingGroup();
    FeedbackLogMetrics metrics = new FeedbackLogMetrics(group);
    assertThat(group.metrics)
        .containsOnlyKeys(
            "feedbackLogSpilledBytes",
            "feedbackLogRecordsLastCheckpoint",
            "feedbackLogBarrierToSentinelMillis",
            "feedbackLogCommits",
            "feedbackLogRecords",
            "feedbackLogReplayedRecords",
            "feedbackLogMaxRecordsPerCheckpoint");
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
