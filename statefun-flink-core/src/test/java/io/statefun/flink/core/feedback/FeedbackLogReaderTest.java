package io.statefun.flink.core.feedback;

import static io.statefun.flink.core.feedback.LogTestSupport.closeAndGetHandle;
import static io.statefun.flink.core.feedback.LogTestSupport.groupedByKeyGroup;
import static io.statefun.flink.core.feedback.LogTestSupport.idPerKeyGroup;
import static io.statefun.flink.core.feedback.LogTestSupport.memoryStream;
import static io.statefun.flink.core.feedback.LogTestSupport.messages;
import static io.statefun.flink.core.feedback.LogTestSupport.read;
import static io.statefun.flink.core.feedback.LogTestSupport.readAll;
import static io.statefun.flink.core.feedback.LogTestSupport.serializer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.flink.core.message.Message;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.memory.DataOutputViewStreamWrapper;
import org.apache.flink.runtime.state.KeyGroupRange;
import org.apache.flink.runtime.state.KeyGroupsStateHandle;
import org.apache.flink.runtime.state.KeyedStateCheckpointOutputStream;
import org.apache.flink.runtime.state.memory.ByteStreamStateHandle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader checks each key group's header and reads exactly {@code count} messages. */
class FeedbackLogReaderTest {
  private RecordingMetricGroup metrics = new RecordingMetricGroup();

  private static final KeyGroupRange RANGE = KeyGroupRange.of(0, 5);

  @TempDir File spillDir;

  /** A committed log of {@code messages}. */
  private KeyGroupsStateHandle committedLog(List<Message> messages) throws IOException {
    try (FeedbackLogger logger =
        new FeedbackLogger(
            serializer(),
            LogTestSupport.keyGroupOf(),
            RANGE,
            1 << 20,
            spillDir,
            new FeedbackLogMetrics(metrics))) {
      RawKeyedStream out = memoryStream(RANGE);
      logger.startLogging(1, out.out(), List.of());
      for (Message message : messages) {
        logger.append(message);
      }
      logger.commit(1);
      return closeAndGetHandle(out);
    }
  }

  /** Writes {@code magic, version, count = 0} for every key group, by hand. */
  private static KeyGroupsStateHandle handWritten(int magic, int version) throws IOException {
    RawKeyedStream raw = memoryStream(RANGE);
    KeyedStateCheckpointOutputStream out = raw.out();
    DataOutputViewStreamWrapper view = new DataOutputViewStreamWrapper(out);
    for (int keyGroup : RANGE) {
      out.startNewKeyGroup(keyGroup);
      view.writeInt(magic);
      view.writeInt(version);
      view.writeInt(0);
    }
    return closeAndGetHandle(raw);
  }

  /** The same log with the int at {@code delta} bytes into {@code keyGroup}'s log replaced. */
  private static KeyGroupsStateHandle patched(
      KeyGroupsStateHandle handle, int keyGroup, int delta, int value) {
    byte[] bytes = ((ByteStreamStateHandle) handle.getDelegateStateHandle()).getData().clone();
    int at = (int) handle.getOffsetForKeyGroup(keyGroup) + delta;
    bytes[at] = (byte) (value >>> 24);
    bytes[at + 1] = (byte) (value >>> 16);
    bytes[at + 2] = (byte) (value >>> 8);
    bytes[at + 3] = (byte) value;
    return new KeyGroupsStateHandle(
        handle.getGroupRangeOffsets(), new ByteStreamStateHandle("patched", bytes));
  }

  private List<Message> someMessages() {
    return messages(new ArrayList<>(idPerKeyGroup(RANGE).values()), 30, 0);
  }

  @Test
  void readsBackACommittedLogAndCountsReplayedRecords() throws IOException {
    List<Message> appended = someMessages();
    KeyGroupsStateHandle handle = committedLog(appended);

    assertThat(readAll(handle, new FeedbackLogMetrics(metrics)))
        .isEqualTo(groupedByKeyGroup(appended, RANGE));
    assertThat(metrics.count("feedbackLogReplayedRecords")).isEqualTo(30);
  }

  @Test
  void readsNothingFromNoKeyGroups() throws IOException {
    assertThat(FeedbackLogReader.read(List.of(), serializer(), new FeedbackLogMetrics(metrics)))
        .isEmpty();
    assertThat(metrics.count("feedbackLogReplayedRecords")).isZero();
  }

  @Test
  void readsKeyGroupsWithCountZero() throws IOException {
    KeyGroupsStateHandle handle = handWritten(LogFormat.MAGIC, LogFormat.VERSION);
    assertThat(readAll(handle)).isEmpty();
  }

  @Test
  void rejectsAnotherFormatVersionNamingIt() throws IOException {
    int future = LogFormat.VERSION + 1;
    KeyGroupsStateHandle handle = handWritten(LogFormat.MAGIC, future);

    assertThatThrownBy(() -> readAll(handle))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("version " + future)
        .hasMessageContaining("key group 0");
  }

  @Test
  void rejectsACommittedLogWhoseVersionWasChanged() throws IOException {
    KeyGroupsStateHandle handle = patched(committedLog(someMessages()), 3, 4, 99);

    // the key groups before it still read
    assertThat(read(handle, List.of(0, 1, 2))).isNotEmpty();
    assertThatThrownBy(() -> readAll(handle))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("version 99")
        .hasMessageContaining("key group 3")
        .hasMessageContaining("reads version " + LogFormat.VERSION);
  }

  @Test
  void rejectsAStreamWithoutTheMagic() throws IOException {
    KeyGroupsStateHandle handle = handWritten(0xCAFE_BABE, LogFormat.VERSION);
    assertThatThrownBy(() -> readAll(handle))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("key group 0")
        .hasMessageContaining("no statefun feedback log");

    KeyGroupsStateHandle patched = patched(committedLog(someMessages()), 4, 0, 0x1234_5678);
    assertThatThrownBy(() -> read(patched, List.of(4)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("key group 4");
  }

  @Test
  void aCountBeyondTheWrittenRecordsFailsWithAnIoException() throws IOException {
    List<Message> appended = someMessages();
    KeyGroupsStateHandle handle = committedLog(appended);
    int last = RANGE.getEndKeyGroup();
    int count = LogTestSupport.inKeyGroup(appended, last).size();
    KeyGroupsStateHandle truncated = patched(handle, last, 8, count + 1);

    assertThatThrownBy(() -> read(truncated, List.of(last))).isInstanceOf(IOException.class);
  }
}
