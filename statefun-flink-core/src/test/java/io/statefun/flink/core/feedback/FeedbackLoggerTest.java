package io.statefun.flink.core.feedback;

import static io.statefun.flink.core.feedback.LogTestSupport.closeAndGetHandle;
import static io.statefun.flink.core.feedback.LogTestSupport.concat;
import static io.statefun.flink.core.feedback.LogTestSupport.fileCount;
import static io.statefun.flink.core.feedback.LogTestSupport.fileStream;
import static io.statefun.flink.core.feedback.LogTestSupport.groupedByKeyGroup;
import static io.statefun.flink.core.feedback.LogTestSupport.header;
import static io.statefun.flink.core.feedback.LogTestSupport.idPerKeyGroup;
import static io.statefun.flink.core.feedback.LogTestSupport.inKeyGroup;
import static io.statefun.flink.core.feedback.LogTestSupport.keyGroupOf;
import static io.statefun.flink.core.feedback.LogTestSupport.leased;
import static io.statefun.flink.core.feedback.LogTestSupport.logged;
import static io.statefun.flink.core.feedback.LogTestSupport.memoryStream;
import static io.statefun.flink.core.feedback.LogTestSupport.message;
import static io.statefun.flink.core.feedback.LogTestSupport.messages;
import static io.statefun.flink.core.feedback.LogTestSupport.readAll;
import static io.statefun.flink.core.feedback.LogTestSupport.readKeyGroup;
import static io.statefun.flink.core.feedback.LogTestSupport.released;
import static io.statefun.flink.core.feedback.LogTestSupport.serializer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.flink.core.message.Message;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.state.KeyGroupRange;
import org.apache.flink.runtime.state.KeyGroupsStateHandle;
import org.apache.flink.runtime.state.memory.ByteStreamStateHandle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The feedback logger over real raw keyed state streams: write, close as Flink does, read back. */
class FeedbackLoggerTest {
  private RecordingMetricGroup metrics = new RecordingMetricGroup();

  /** A subtask's share of 16 key groups that does not start at 0. */
  private static final KeyGroupRange RANGE = KeyGroupRange.of(4, 11);

  private static final long LARGE_BUDGET = 64L * 1024 * 1024;

  @TempDir File spillDir;
  @TempDir File checkpointDir;

  private final List<FeedbackLogger> loggers = new ArrayList<>();
  private Map<Integer, String> ids;

  @BeforeEach
  void setUp() {
    metrics = new RecordingMetricGroup();
    ids = idPerKeyGroup(RANGE);
  }

  @AfterEach
  void closeLoggers() {
    loggers.forEach(FeedbackLogger::close);
  }

  private FeedbackLogger logger(long budget) {
    return LogTestSupport.newLogger(RANGE, budget, spillDir, loggers, metrics);
  }

  /** Ids of some key groups of the range; the others stay empty. */
  private List<String> idsOf(int... keyGroups) {
    List<String> result = new ArrayList<>();
    for (int keyGroup : keyGroups) {
      result.add(ids.get(keyGroup));
    }
    return result;
  }

  private static void appendAll(FeedbackLogger logger, List<Message> messages) throws IOException {
    for (Message message : messages) {
      logger.append(message);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // (1) round trip

  @Test
  void everyRecordComesBackGroupedByKeyGroupInAppendOrder() throws IOException {
    assertRoundTrip(memoryStream(RANGE));
  }

  @Test
  void roundTripThroughFileCheckpointStream() throws IOException {
    assertRoundTrip(fileStream(RANGE, checkpointDir));
  }

  private void assertRoundTrip(RawKeyedStream out) throws IOException {
    // key groups 6, 8, 9 and 11 receive nothing; the ids are visited out of key group order
    List<String> active = idsOf(10, 4, 7, 5);
    List<Message> appended = messages(active, 203, 0);
    FeedbackLogger logger = logger(LARGE_BUDGET);

    logger.startLogging(1, out.out(), List.of());
    assertThat(leased(out)).as("lease while the log is open").isTrue();
    appendAll(logger, appended);
    logger.commit(1);

    KeyGroupsStateHandle handle = closeAndGetHandle(out);
    assertThat(handle).isNotNull();
    assertThat(handle.getKeyGroupRange()).isEqualTo(RANGE);
    assertThat(readAll(handle)).isEqualTo(groupedByKeyGroup(appended, RANGE));

    long previousOffset = -1;
    for (int keyGroup : RANGE) {
      long offset = handle.getOffsetForKeyGroup(keyGroup);
      assertThat(offset).as("offset of key group %s", keyGroup).isGreaterThan(previousOffset);
      previousOffset = offset;

      List<LogTestSupport.Logged> expected = inKeyGroup(appended, keyGroup);
      assertThat(header(handle, keyGroup))
          .as("header of key group %s", keyGroup)
          .containsExactly(LogFormat.MAGIC, LogFormat.VERSION, expected.size());
      assertThat(readKeyGroup(handle, keyGroup))
          .as("log of key group %s", keyGroup)
          .isEqualTo(expected);
    }
    for (int empty : new int[] {6, 8, 9, 11}) {
      assertThat(header(handle, empty)[2]).as("count of empty key group %s", empty).isZero();
      assertThat(readKeyGroup(handle, empty)).isEmpty();
    }
  }

  @Test
  void anEmptyLogWritesEveryKeyGroupWithCountZero() throws IOException {
    FeedbackLogger logger = logger(LARGE_BUDGET);
    RawKeyedStream out = memoryStream(RANGE);

    logger.startLogging(1, out.out(), List.of());
    logger.commit(1);

    KeyGroupsStateHandle handle = closeAndGetHandle(out);
    assertThat(handle).isNotNull();
    for (int keyGroup : RANGE) {
      assertThat(header(handle, keyGroup)).containsExactly(LogFormat.MAGIC, LogFormat.VERSION, 0);
    }
    assertThat(readAll(handle)).isEmpty();
    // exactly the headers: 3 ints per key group
    assertThat(((ByteStreamStateHandle) handle.getDelegateStateHandle()).getData())
        .hasSize(RANGE.getNumberOfKeyGroups() * 12);
  }

  @Test
  void pendingLocalMessagesComeFirstInTheirKeyGroups() throws IOException {
    List<Message> pending = messages(idsOf(5, 9), 7, 1000);
    List<Message> drained = messages(idsOf(9, 5, 11), 11, 0);
    FeedbackLogger logger = logger(LARGE_BUDGET);
    RawKeyedStream out = memoryStream(RANGE);

    logger.startLogging(1, out.out(), pending);
    appendAll(logger, drained);
    logger.commit(1);

    assertThat(readAll(closeAndGetHandle(out)))
        .isEqualTo(groupedByKeyGroup(concat(pending, drained), RANGE));
  }

  @Test
  void aSingleKeyGroupRangeRoundTrips() throws IOException {
    int keyGroup = 7;
    KeyGroupRange single = KeyGroupRange.of(keyGroup, keyGroup);
    FeedbackLogger logger =
        new FeedbackLogger(
            serializer(),
            LogTestSupport.keyGroupOf(),
            single,
            LARGE_BUDGET,
            spillDir,
            new FeedbackLogMetrics(metrics));
    loggers.add(logger);
    List<Message> appended = messages(idsOf(keyGroup), 5, 0);
    RawKeyedStream out = memoryStream(single);

    logger.startLogging(3, out.out(), List.of());
    appendAll(logger, appended);
    logger.commit(3);

    assertThat(readAll(closeAndGetHandle(out))).isEqualTo(logged(appended));
  }

  // ---------------------------------------------------------------------------------------------
  // (3) concurrent checkpoints

  @Test
  void concurrentCheckpointsEachLogWhatFollowsTheirBarrier() throws IOException {
    List<Message> a = messages(idsOf(4, 7, 10), 9, 0);
    List<Message> pendingLocal = messages(idsOf(7, 11), 4, 100);
    List<Message> b = messages(idsOf(10, 7, 5), 12, 200);
    FeedbackLogger logger = logger(LARGE_BUDGET);
    RawKeyedStream out1 = memoryStream(RANGE);
    RawKeyedStream out2 = memoryStream(RANGE);

    logger.startLogging(1, out1.out(), List.of());
    appendAll(logger, a);
    logger.startLogging(2, out2.out(), pendingLocal);
    appendAll(logger, b);

    logger.commit(1);
    assertThat(logger.isLogging()).as("checkpoint 2 still waits for its sentinel").isTrue();
    assertThat(released(out1)).isTrue();
    assertThat(leased(out2)).isTrue();
    assertThat(readAll(closeAndGetHandle(out1)))
        .as("log 1: a and b, not the local messages of checkpoint 2")
        .isEqualTo(groupedByKeyGroup(concat(a, b), RANGE));

    logger.commit(2);
    assertThat(logger.isLogging()).isFalse();
    assertThat(readAll(closeAndGetHandle(out2)))
        .as("log 2: its local messages, then b; not a")
        .isEqualTo(groupedByKeyGroup(concat(pendingLocal, b), RANGE));
  }

  // ---------------------------------------------------------------------------------------------
  // (4) abandon and abort

  @Test
  void commitAbandonsOlderOpenLogsWithoutWritingThem() throws IOException {
    List<Message> a = messages(idsOf(4, 8), 6, 0);
    List<Message> b = messages(idsOf(8, 11), 6, 100);
    List<Message> c = messages(idsOf(5), 3, 200);
    FeedbackLogger logger = logger(LARGE_BUDGET);
    RawKeyedStream out1 = memoryStream(RANGE);
    RawKeyedStream out2 = memoryStream(RANGE);
    RawKeyedStream out3 = memoryStream(RANGE);

    logger.startLogging(1, out1.out(), List.of());
    appendAll(logger, a);
    logger.startLogging(2, out2.out(), List.of());
    appendAll(logger, b);
    logger.startLogging(3, out3.out(), List.of());
    appendAll(logger, c);

    logger.commit(2);

    assertThat(released(out1)).as("abandoned log 1 released its lease").isTrue();
    assertThat(out1.delegate().getPos()).as("nothing written for log 1").isZero();
    assertThat(closeAndGetHandle(out1)).as("empty stream: no handle").isNull();
    assertThat(readAll(closeAndGetHandle(out2))).isEqualTo(groupedByKeyGroup(concat(b, c), RANGE));
    assertThat(leased(out3)).as("log 3 is still open").isTrue();
    assertThat(logger.isLogging()).isTrue();

    // the sentinel of the abandoned checkpoint will never come; if it did, nothing happens
    logger.commit(1);
    assertThat(leased(out3)).isTrue();

    logger.commit(3);
    assertThat(logger.isLogging()).isFalse();
    assertThat(readAll(closeAndGetHandle(out3))).isEqualTo(groupedByKeyGroup(c, RANGE));
    assertThat(metrics.count("feedbackLogCommits")).isEqualTo(2);
  }

  @Test
  void aSnapshotAfterItsOwnSentinelFailsInsteadOfCompletingWithoutItsLog() throws IOException {
    List<Message> later = messages(idsOf(6), 3, 0);
    FeedbackLogger logger = logger(LARGE_BUDGET);
    RawKeyedStream out5 = memoryStream(RANGE);
    RawKeyedStream out6 = memoryStream(RANGE);

    // The tail took checkpoint 5 before this subtask's snapshot: its sentinel comes first.
    logger.commit(5);

    assertThatThrownBy(() -> logger.startLogging(5, out5.out(), List.of()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("checkpoint 5")
        .hasMessageContaining("must be aligned");
    assertThat(released(out5)).as("no lease held for the failed snapshot").isTrue();
    assertThat(logger.isLogging()).isFalse();

    // The next checkpoint is unaffected.
    logger.startLogging(6, out6.out(), List.of());
    appendAll(logger, later);
    logger.commit(6);
    assertThat(readAll(closeAndGetHandle(out6))).isEqualTo(groupedByKeyGroup(later, RANGE));
  }

  @Test
  void abortDropsOnlyThatLog() throws IOException {
    List<Message> a = messages(idsOf(4, 9), 5, 0);
    List<Message> b = messages(idsOf(9, 10), 5, 100);
    FeedbackLogger logger = logger(LARGE_BUDGET);
    RawKeyedStream out1 = memoryStream(RANGE);
    RawKeyedStream out2 = memoryStream(RANGE);
    RawKeyedStream out3 = memoryStream(RANGE);

    logger.startLogging(1, out1.out(), List.of());
    logger.startLogging(2, out2.out(), List.of());
    logger.startLogging(3, out3.out(), List.of());
    appendAll(logger, a);

    logger.abort(2);
    assertThat(released(out2)).isTrue();
    assertThat(leased(out1)).isTrue();
    assertThat(leased(out3)).isTrue();
    assertThat(closeAndGetHandle(out2)).as("aborted log writes nothing").isNull();

    logger.abort(42); // unknown: no-op
    appendAll(logger, b);

    logger.commit(1);
    logger.commit(3);
    assertThat(readAll(closeAndGetHandle(out1))).isEqualTo(groupedByKeyGroup(concat(a, b), RANGE));
    assertThat(readAll(closeAndGetHandle(out3))).isEqualTo(groupedByKeyGroup(concat(a, b), RANGE));

    // committing an aborted checkpoint does nothing
    logger.commit(2);
    assertThat(metrics.count("feedbackLogCommits")).isEqualTo(2);
  }

  @Test
  void abortingTheOnlyLogStopsLogging() throws IOException {
    FeedbackLogger logger = logger(LARGE_BUDGET);
    RawKeyedStream out = memoryStream(RANGE);

    logger.startLogging(1, out.out(), messages(idsOf(6), 2, 0));
    logger.append(message(ids.get(6), 5));
    logger.abort(1);

    assertThat(logger.isLogging()).isFalse();
    assertThat(released(out)).isTrue();
    assertThat(closeAndGetHandle(out)).isNull();
  }

  @Test
  void abortReleasesTheMemoryBudget() throws IOException {
    List<Message> chunk = messages(idsOf(4, 5, 6), 30, 0);
    long size = LogTestSupport.serializedSize(chunk);
    // one chunk fits, two do not
    FeedbackLogger logger = logger(size + size / 2);

    // control: while log 1 holds a chunk in memory, a second chunk in log 2 spills
    logger.startLogging(1, memoryStream(RANGE).out(), chunk);
    assertThat(fileCount(spillDir)).as("one chunk fits in the budget").isZero();
    logger.startLogging(2, memoryStream(RANGE).out(), chunk);
    assertThat(fileCount(spillDir)).as("two chunks exceed the budget").isEqualTo(1);
    logger.abort(2);
    assertThat(fileCount(spillDir)).as("spill file of aborted log deleted").isZero();

    logger.abort(1);

    RawKeyedStream out3 = memoryStream(RANGE);
    logger.startLogging(3, out3.out(), chunk);
    assertThat(fileCount(spillDir)).as("a fresh log fits once log 1 is aborted").isZero();
    logger.commit(3);
    assertThat(metrics.count("feedbackLogSpilledBytes")).isZero();
    assertThat(readAll(closeAndGetHandle(out3))).isEqualTo(groupedByKeyGroup(chunk, RANGE));
  }

  @Test
  void abandonReleasesTheMemoryBudget() throws IOException {
    List<Message> chunk = messages(idsOf(9, 10, 11), 30, 0);
    long size = LogTestSupport.serializedSize(chunk);
    FeedbackLogger logger = logger(size + size / 2);

    RawKeyedStream out1 = memoryStream(RANGE);
    logger.startLogging(1, out1.out(), chunk);
    RawKeyedStream out2 = memoryStream(RANGE);
    logger.startLogging(2, out2.out(), List.of());
    logger.commit(2); // abandons log 1
    assertThat(released(out1)).isTrue();
    assertThat(closeAndGetHandle(out1)).isNull();
    assertThat(readAll(closeAndGetHandle(out2))).isEmpty();

    RawKeyedStream out3 = memoryStream(RANGE);
    logger.startLogging(3, out3.out(), chunk);
    assertThat(fileCount(spillDir)).as("a fresh log fits once log 1 is abandoned").isZero();
    logger.commit(3);
    assertThat(metrics.count("feedbackLogSpilledBytes")).isZero();
    assertThat(readAll(closeAndGetHandle(out3))).isEqualTo(groupedByKeyGroup(chunk, RANGE));
  }

  @Test
  void commitReleasesTheMemoryBudget() throws IOException {
    List<Message> chunk = messages(idsOf(4, 11), 30, 0);
    long size = LogTestSupport.serializedSize(chunk);
    FeedbackLogger logger = logger(size + size / 2);

    for (long checkpoint = 1; checkpoint <= 5; checkpoint++) {
      RawKeyedStream out = memoryStream(RANGE);
      logger.startLogging(checkpoint, out.out(), List.of());
      appendAll(logger, chunk);
      logger.commit(checkpoint);
      assertThat(readAll(closeAndGetHandle(out))).isEqualTo(groupedByKeyGroup(chunk, RANGE));
    }
    assertThat(fileCount(spillDir)).isZero();
    assertThat(metrics.count("feedbackLogSpilledBytes")).isZero();
    assertThat(metrics.count("feedbackLogCommits")).isEqualTo(5);
  }

  @Test
  void abortAndAbandonDeleteSpillFiles() throws IOException {
    FeedbackLogger logger = logger(0);
    RawKeyedStream out1 = memoryStream(RANGE);
    RawKeyedStream out2 = memoryStream(RANGE);
    RawKeyedStream out3 = memoryStream(RANGE);
    RawKeyedStream out4 = memoryStream(RANGE);

    logger.startLogging(1, out1.out(), List.of());
    appendAll(logger, messages(idsOf(4, 5), 4, 0));
    assertThat(fileCount(spillDir)).isEqualTo(1);
    logger.startLogging(2, out2.out(), List.of());
    logger.startLogging(3, out3.out(), List.of());
    appendAll(logger, messages(idsOf(6, 7), 4, 100));
    assertThat(fileCount(spillDir)).as("one spill file per open log").isEqualTo(3);

    logger.abort(2);
    assertThat(fileCount(spillDir)).isEqualTo(2);

    logger.startLogging(4, out4.out(), List.of());
    logger.append(message(ids.get(8), 200));
    assertThat(fileCount(spillDir)).isEqualTo(3);

    logger.commit(3); // abandons 1, writes 3
    assertThat(fileCount(spillDir)).as("only log 4's spill file is left").isEqualTo(1);
    assertThat(released(out1)).isTrue();
    assertThat(closeAndGetHandle(out1)).isNull();
    assertThat(closeAndGetHandle(out3)).isNotNull();

    logger.commit(4);
    assertThat(fileCount(spillDir)).isZero();
    assertThat(readAll(closeAndGetHandle(out4)))
        .isEqualTo(groupedByKeyGroup(List.of(message(ids.get(8), 200)), RANGE));
  }

  @Test
  void closeAbandonsEveryOpenLog() throws IOException {
    FeedbackLogger logger = logger(0);
    RawKeyedStream out1 = memoryStream(RANGE);
    RawKeyedStream out2 = memoryStream(RANGE);
    logger.startLogging(1, out1.out(), List.of());
    logger.startLogging(2, out2.out(), List.of());
    appendAll(logger, messages(idsOf(4, 10), 10, 0));
    assertThat(fileCount(spillDir)).isEqualTo(2);

    logger.close();

    assertThat(logger.isLogging()).isFalse();
    assertThat(released(out1)).isTrue();
    assertThat(released(out2)).isTrue();
    assertThat(fileCount(spillDir)).isZero();
    assertThat(closeAndGetHandle(out1)).isNull();
    assertThat(closeAndGetHandle(out2)).isNull();
    logger.append(message(ids.get(4), 99)); // no-op after close
    assertThat(metrics.count("feedbackLogCommits")).isZero();
  }

  @Test
  void commitToAStreamFlinkAlreadyClosedIsDroppedQuietly() throws IOException {
    // a checkpoint aborted by Flink has its stream closed while the log waits for the sentinel
    FeedbackLogger logger = logger(0);
    // a write buffer of 1 byte: every write after the close reaches the closed file
    RawKeyedStream out = fileStream(RANGE, checkpointDir, 1);
    logger.startLogging(1, out.out(), List.of());
    appendAll(logger, messages(idsOf(4, 5, 6), 50, 0));
    assertThat(fileCount(spillDir)).isEqualTo(1);

    out.delegate().close();
    logger.commit(1);

    assertThat(logger.isLogging()).isFalse();
    assertThat(released(out)).isTrue();
    assertThat(fileCount(spillDir)).as("spill file deleted").isZero();
    assertThat(metrics.count("feedbackLogCommits")).as("not a committed log").isZero();

    // the budget was released: the next log over a budget of 0 spills only what it appends
    RawKeyedStream next = memoryStream(RANGE);
    List<Message> more = messages(idsOf(7), 3, 100);
    logger.startLogging(2, next.out(), List.of());
    appendAll(logger, more);
    logger.commit(2);
    assertThat(metrics.count("feedbackLogSpilledBytes"))
        .isEqualTo(LogTestSupport.serializedSize(more));
    assertThat(readAll(closeAndGetHandle(next))).isEqualTo(groupedByKeyGroup(more, RANGE));
  }

  // ---------------------------------------------------------------------------------------------
  // (5) no open log

  @Test
  void appendWithoutAnOpenLogIsANoOp() throws IOException {
    FeedbackLogger logger = logger(0);
    assertThat(logger.isLogging()).isFalse();

    appendAll(logger, messages(idsOf(4, 5, 6), 20, 0));
    assertThat(fileCount(spillDir)).as("nothing spilled: nothing logged").isZero();

    RawKeyedStream out = memoryStream(RANGE);
    logger.startLogging(1, out.out(), List.of());
    assertThat(logger.isLogging()).isTrue();
    Message only = message(ids.get(5), 500);
    logger.append(only);
    logger.commit(1);
    assertThat(logger.isLogging()).isFalse();

    appendAll(logger, messages(idsOf(4, 5, 6), 20, 1000)); // after the commit: no-op again
    assertThat(fileCount(spillDir)).isZero();
    assertThat(readAll(closeAndGetHandle(out))).containsExactly(LogTestSupport.Logged.of(only));
    assertThat(metrics.count("feedbackLogRecords")).isEqualTo(1);
  }

  @Test
  void commitWithoutAnOpenLogIsANoOp() throws IOException {
    FeedbackLogger logger = logger(LARGE_BUDGET);
    logger.commit(7);
    logger.abort(7);
    assertThat(logger.isLogging()).isFalse();
    assertThat(metrics.count("feedbackLogCommits")).isZero();
  }

  @Test
  void keyGroupFunctionIsTheOneGiven() {
    // sanity of the fixture: the ids really hit the key groups they are meant for
    for (Map.Entry<Integer, String> e : ids.entrySet()) {
      assertThat(keyGroupOf(message(e.getValue(), 0))).isEqualTo(e.getKey());
    }
  }
}
