package io.statefun.flink.core.feedback;

import static io.statefun.flink.core.feedback.LogTestSupport.closeAndGetHandle;
import static io.statefun.flink.core.feedback.LogTestSupport.concat;
import static io.statefun.flink.core.feedback.LogTestSupport.fileCount;
import static io.statefun.flink.core.feedback.LogTestSupport.fileStream;
import static io.statefun.flink.core.feedback.LogTestSupport.groupedByKeyGroup;
import static io.statefun.flink.core.feedback.LogTestSupport.idPerKeyGroup;
import static io.statefun.flink.core.feedback.LogTestSupport.inKeyGroup;
import static io.statefun.flink.core.feedback.LogTestSupport.memoryStream;
import static io.statefun.flink.core.feedback.LogTestSupport.message;
import static io.statefun.flink.core.feedback.LogTestSupport.messages;
import static io.statefun.flink.core.feedback.LogTestSupport.readAll;
import static io.statefun.flink.core.feedback.LogTestSupport.readKeyGroup;
import static io.statefun.flink.core.feedback.LogTestSupport.serializedSize;
import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.flink.core.message.Message;
import io.statefun.sdk.Address;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.state.KeyGroupRange;
import org.apache.flink.runtime.state.KeyGroupsStateHandle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Logs larger than the memory budget move to spill files and still read back exactly. */
class FeedbackLoggerSpillTest {
  private RecordingMetricGroup metrics = new RecordingMetricGroup();

  private static final KeyGroupRange RANGE = KeyGroupRange.of(8, 15);

  @TempDir File spillDir;
  @TempDir File checkpointDir;

  private final List<FeedbackLogger> loggers = new ArrayList<>();
  private List<String> allIds;

  @BeforeEach
  void setUp() {
    metrics = new RecordingMetricGroup();
    Map<Integer, String> ids = idPerKeyGroup(RANGE);
    allIds = new ArrayList<>(ids.values());
    // leave key group 12 empty and visit the others out of order
    allIds.remove(ids.get(12));
    java.util.Collections.rotate(allIds, 3);
  }

  @AfterEach
  void closeLoggers() {
    loggers.forEach(FeedbackLogger::close);
  }

  private FeedbackLogger logger(long budget) {
    return LogTestSupport.newLogger(RANGE, budget, spillDir, loggers, metrics);
  }

  private static void appendAll(FeedbackLogger logger, List<Message> messages) throws IOException {
    for (Message message : messages) {
      logger.append(message);
    }
  }

  private static void assertReadBack(KeyGroupsStateHandle handle, List<Message> appended)
      throws IOException {
    assertThat(readAll(handle)).isEqualTo(groupedByKeyGroup(appended, RANGE));
    for (int keyGroup : RANGE) {
      assertThat(readKeyGroup(handle, keyGroup))
          .as("key group %s", keyGroup)
          .isEqualTo(inKeyGroup(appended, keyGroup));
    }
  }

  @Test
  void aZeroBudgetSpillsEveryRecord() throws IOException {
    List<Message> appended = messages(allIds, 3000, 0);
    FeedbackLogger logger = logger(0);
    RawKeyedStream out = memoryStream(RANGE);

    logger.startLogging(1, out.out(), List.of());
    appendAll(logger, appended);
    assertThat(fileCount(spillDir)).isEqualTo(1);
    logger.commit(1);

    assertThat(fileCount(spillDir)).as("spill file deleted on commit").isZero();
    assertThat(metrics.count("feedbackLogSpilledBytes"))
        .as("every byte was spilled")
        .isEqualTo(serializedSize(appended));
    assertThat(metrics.count("feedbackLogRecords")).isEqualTo(3000);
    assertReadBack(closeAndGetHandle(out), appended);
  }

  @Test
  void aSmallBudgetMixesSpilledAndInMemoryRecordsPerKeyGroup() throws IOException {
    List<Message> appended = messages(allIds, 3001, 0);
    long total = serializedSize(appended);
    FeedbackLogger logger = logger(200);
    RawKeyedStream out = memoryStream(RANGE);

    logger.startLogging(1, out.out(), List.of());
    appendAll(logger, appended);
    logger.commit(1);

    long spilled = metrics.count("feedbackLogSpilledBytes");
    assertThat(spilled).as("spilled").isPositive();
    assertThat(total - spilled).as("still in memory at commit").isPositive().isLessThan(200 + 200);
    assertReadBack(closeAndGetHandle(out), appended);
    assertThat(fileCount(spillDir)).isZero();
  }

  @Test
  void spilledSegmentsAndMemoryTailKeepOrderWithinEachKeyGroup() throws IOException {
    // phases that alternately spill (bursts beyond the budget) and stay in memory
    FeedbackLogger logger = logger(600);
    RawKeyedStream out = memoryStream(RANGE);
    List<Message> appended = new ArrayList<>();
    logger.startLogging(1, out.out(), List.of());
    int seq = 0;
    for (int phase = 0; phase < 40; phase++) {
      int count = phase % 2 == 0 ? 37 : 3;
      List<String> ids = allIds.subList(phase % allIds.size(), allIds.size());
      List<Message> batch = messages(ids, count, seq);
      seq += count;
      appendAll(logger, batch);
      appended.addAll(batch);
    }
    // Whether the last phase spilled depends on byte counts; end with a record beyond the budget,
    // which spills everything, and a short tail that fits, so both kinds are there at the commit.
    Message large = new Message(null, message(allIds.get(0), seq).target(), "x".repeat(700));
    List<Message> tail = messages(allIds, 3, seq + 1);
    appendAll(logger, List.of(large));
    appendAll(logger, tail);
    appended.add(large);
    appended.addAll(tail);
    logger.commit(1);

    assertThat(metrics.count("feedbackLogSpilledBytes")).isPositive();
    assertThat(metrics.count("feedbackLogSpilledBytes")).isLessThan(serializedSize(appended));
    assertReadBack(closeAndGetHandle(out), appended);
  }

  @Test
  void concurrentLogsShareTheBudgetAndBothSpill() throws IOException {
    List<Message> a = messages(allIds, 700, 0);
    List<Message> pendingLocal = messages(allIds.subList(0, 2), 50, 10_000);
    List<Message> b = messages(allIds, 900, 20_000);
    FeedbackLogger logger = logger(200);
    RawKeyedStream out1 = memoryStream(RANGE);
    RawKeyedStream out2 = memoryStream(RANGE);

    logger.startLogging(1, out1.out(), List.of());
    appendAll(logger, a);
    logger.startLogging(2, out2.out(), pendingLocal);
    appendAll(logger, b);
    assertThat(fileCount(spillDir)).isEqualTo(2);

    logger.commit(1);
    assertThat(fileCount(spillDir)).isEqualTo(1);
    logger.commit(2);
    assertThat(fileCount(spillDir)).isZero();

    assertReadBack(closeAndGetHandle(out1), concat(a, b));
    assertReadBack(closeAndGetHandle(out2), concat(pendingLocal, b));
  }

  @Test
  void recordsLargerThanTheCopyBufferSurviveTheSpill() throws IOException {
    String id = allIds.get(0);
    StringBuilder big = new StringBuilder();
    for (int i = 0; i < 150_000; i++) {
      big.append((char) ('a' + i % 26));
    }
    List<Message> appended = new ArrayList<>(messages(allIds, 10, 0));
    appended.add(new Message(null, new Address(LogTestSupport.TARGET_TYPE, id), big.toString()));
    appended.addAll(messages(allIds, 10, 100));
    appended.add(message(id, 200));

    for (long budget : new long[] {0, 1024, 64L * 1024 * 1024}) {
      metrics = new RecordingMetricGroup();
      FeedbackLogger logger = logger(budget);
      RawKeyedStream out = memoryStream(RANGE);
      logger.startLogging(1, out.out(), List.of());
      appendAll(logger, appended);
      logger.commit(1);
      if (budget < 1024 * 1024) {
        assertThat(metrics.count("feedbackLogSpilledBytes"))
            .as("budget %s", budget)
            .isGreaterThan(150_000);
      } else {
        assertThat(metrics.count("feedbackLogSpilledBytes")).isZero();
      }
      assertReadBack(closeAndGetHandle(out), appended);
    }
  }

  @Test
  void spilledLogRoundTripsThroughFileCheckpointStream() throws IOException {
    List<Message> appended = messages(allIds, 2500, 0);
    FeedbackLogger logger = logger(200);
    RawKeyedStream out = fileStream(RANGE, checkpointDir);

    logger.startLogging(1, out.out(), List.of());
    appendAll(logger, appended);
    logger.commit(1);

    assertThat(metrics.count("feedbackLogSpilledBytes")).isPositive();
    assertReadBack(closeAndGetHandle(out), appended);
  }
}
