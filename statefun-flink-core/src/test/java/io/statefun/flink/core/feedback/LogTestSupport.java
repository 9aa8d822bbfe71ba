package io.statefun.flink.core.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.flink.core.message.Message;
import io.statefun.flink.core.message.MessageSerializer;
import io.statefun.flink.core.message.PayloadSerializerKind;
import io.statefun.sdk.Address;
import io.statefun.sdk.FunctionType;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToIntFunction;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.runtime.state.CheckpointedStateScope;
import org.apache.flink.runtime.state.KeyGroupRange;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.KeyGroupStatePartitionStreamProvider;
import org.apache.flink.runtime.state.KeyGroupsStateHandle;
import org.apache.flink.runtime.state.filesystem.FsCheckpointStreamFactory;
import org.apache.flink.runtime.state.memory.MemCheckpointStreamFactory;

/**
 * Builds real Flink raw keyed state streams for the feedback log, closes them the way Flink's async
 * snapshot part does ({@link RawKeyedStream}), and reads them back the way a restore does.
 */
final class LogTestSupport {
  static final int MAX_PARALLELISM = 16;
  static final FunctionType TARGET_TYPE = new FunctionType("logger-test", "target");
  static final FunctionType SOURCE_TYPE = new FunctionType("logger-test", "source");

  private LogTestSupport() {}

  static MessageSerializer serializer() {
    return new MessageSerializer(PayloadSerializerKind.DEFAULT, new SerializerConfigImpl());
  }

  static ToIntFunction<Message> keyGroupOf() {
    return message -> KeyGroupRangeAssignment.assignToKeyGroup(message.target(), MAX_PARALLELISM);
  }

  static int keyGroupOf(Message message) {
    return keyGroupOf().applyAsInt(message);
  }

  // ---------------------------------------------------------------------------------------------
  // streams

  /** A raw keyed state stream over Flink's in-memory checkpoint stream. */
  static RawKeyedStream memoryStream(KeyGroupRange range) throws IOException {
    return new RawKeyedStream(
        new MemCheckpointStreamFactory.MemoryCheckpointOutputStream(64 * 1024 * 1024), range);
  }

  /** A raw keyed state stream over Flink's file system checkpoint stream, always to a file. */
  static RawKeyedStream fileStream(KeyGroupRange range, File directory) throws IOException {
    return fileStream(range, directory, 4096);
  }

  /** As {@link #fileStream(KeyGroupRange, File)} with the given write buffer size. */
  static RawKeyedStream fileStream(KeyGroupRange range, File directory, int writeBufferSize)
      throws IOException {
    Path dir = Path.fromLocalFile(directory);
    FsCheckpointStreamFactory factory =
        new FsCheckpointStreamFactory(
            FileSystem.getLocalFileSystem(), dir, dir, 0, writeBufferSize);
    return new RawKeyedStream(
        factory.createCheckpointStateOutputStream(CheckpointedStateScope.EXCLUSIVE), range);
  }

  /** Whether a log's lease blocks the stream's closing (asks the stream to close). */
  static boolean leased(RawKeyedStream stream) throws IOException {
    return stream.isLeased();
  }

  /** Whether the stream closes, no lease holding it back, within a generous wait. */
  static boolean released(RawKeyedStream stream) throws IOException {
    return stream.isReleased();
  }

  /**
   * Closes the stream as Flink's async snapshot part does once every lease is released.
   *
   * @return the handle, or null if nothing at all was written to the stream
   */
  static KeyGroupsStateHandle closeAndGetHandle(RawKeyedStream stream) throws IOException {
    return stream.closeAndGetHandle();
  }

  // ---------------------------------------------------------------------------------------------
  // reading back

  /** Reads the given key groups as a restore does: one partition stream per key group. */
  static List<Logged> read(KeyGroupsStateHandle handle, Iterable<Integer> keyGroups)
      throws IOException {
    return read(handle, keyGroups, new FeedbackLogMetrics(new UnregisteredMetricsGroup()));
  }

  /** As {@link #read(KeyGroupsStateHandle, Iterable)}, counting into {@code metrics}. */
  static List<Logged> read(
      KeyGroupsStateHandle handle, Iterable<Integer> keyGroups, FeedbackLogMetrics metrics)
      throws IOException {
    List<FSDataInputStream> streams = new ArrayList<>();
    try {
      List<KeyGroupStatePartitionStreamProvider> providers = new ArrayList<>();
      for (int keyGroup : keyGroups) {
        FSDataInputStream in = handle.openInputStream();
        streams.add(in);
        in.seek(handle.getOffsetForKeyGroup(keyGroup));
        providers.add(new KeyGroupStatePartitionStreamProvider(in, keyGroup));
      }
      return logged(FeedbackLogReader.read(providers, serializer(), metrics));
    } finally {
      for (FSDataInputStream in : streams) {
        in.close();
      }
    }
  }

  static List<Logged> readAll(KeyGroupsStateHandle handle) throws IOException {
    return read(handle, handle.getKeyGroupRange());
  }

  static List<Logged> readAll(KeyGroupsStateHandle handle, FeedbackLogMetrics metrics)
      throws IOException {
    return read(handle, handle.getKeyGroupRange(), metrics);
  }

  static List<Logged> readKeyGroup(KeyGroupsStateHandle handle, int keyGroup) throws IOException {
    return read(handle, List.of(keyGroup));
  }

  /** The raw header of one key group's log: magic, version, count. */
  static int[] header(KeyGroupsStateHandle handle, int keyGroup) throws IOException {
    try (FSDataInputStream in = handle.openInputStream()) {
      in.seek(handle.getOffsetForKeyGroup(keyGroup));
      DataInputViewStreamWrapper view = new DataInputViewStreamWrapper(in);
      return new int[] {view.readInt(), view.readInt(), view.readInt()};
    }
  }

  // ---------------------------------------------------------------------------------------------
  // messages

  /** One id per key group of {@code range}, in key group order. */
  static Map<Integer, String> idPerKeyGroup(KeyGroupRange range) {
    Map<Integer, String> ids = new java.util.TreeMap<>();
    for (int i = 0; ids.size() < range.getNumberOfKeyGroups(); i++) {
      String id = "key-" + i;
      int keyGroup =
          KeyGroupRangeAssignment.assignToKeyGroup(new Address(TARGET_TYPE, id), MAX_PARALLELISM);
      if (range.contains(keyGroup)) {
        ids.putIfAbsent(keyGroup, id);
      }
      if (i > 1_000_000) {
        throw new AssertionError("no id for every key group of " + range);
      }
    }
    return ids;
  }

  /** A logger of {@code range} reporting into {@code metrics}; {@code opened} collects it. */
  static FeedbackLogger newLogger(
      KeyGroupRange range,
      long budget,
      File spillDir,
      List<FeedbackLogger> opened,
      RecordingMetricGroup metrics) {
    FeedbackLogger logger =
        new FeedbackLogger(
            serializer(), keyGroupOf(), range, budget, spillDir, new FeedbackLogMetrics(metrics));
    opened.add(logger);
    return logger;
  }

  /** A message to {@code id}; every third has no source, as a message from an ingress. */
  static Message message(String id, int seq) {
    Address source = seq % 3 == 0 ? null : new Address(SOURCE_TYPE, "src-" + (seq % 7));
    return new Message(source, new Address(TARGET_TYPE, id), "payload-" + id + "-" + seq);
  }

  /** {@code count} messages, round-robin over {@code ids}, with distinct payloads. */
  static List<Message> messages(List<String> ids, int count, int firstSeq) {
    List<Message> messages = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      messages.add(message(ids.get(i % ids.size()), firstSeq + i));
    }
    return messages;
  }

  /**
   * What a restore must read: the messages grouped by key group in key group order, each group in
   * the order given.
   */
  static List<Logged> groupedByKeyGroup(List<Message> inOrder, KeyGroupRange range) {
    Map<Integer, List<Logged>> groups = new LinkedHashMap<>();
    for (int keyGroup : range) {
      groups.put(keyGroup, new ArrayList<>());
    }
    for (Message message : inOrder) {
      List<Logged> group = groups.get(keyGroupOf(message));
      assertThat(group).as("key group of %s in %s", message, range).isNotNull();
      group.add(Logged.of(message));
    }
    List<Logged> all = new ArrayList<>();
    groups.values().forEach(all::addAll);
    return all;
  }

  static List<Logged> inKeyGroup(List<Message> inOrder, int keyGroup) {
    List<Logged> result = new ArrayList<>();
    for (Message message : inOrder) {
      if (keyGroupOf(message) == keyGroup) {
        result.add(Logged.of(message));
      }
    }
    return result;
  }

  static List<Logged> logged(List<Message> messages) {
    List<Logged> result = new ArrayList<>(messages.size());
    for (Message message : messages) {
      result.add(Logged.of(message));
    }
    return result;
  }

  @SafeVarargs
  static List<Message> concat(List<Message>... parts) {
    List<Message> all = new ArrayList<>();
    Arrays.stream(parts).forEach(all::addAll);
    return all;
  }

  /** Bytes of the messages in the envelope format, which is what the log holds. */
  static long serializedSize(List<Message> messages) throws IOException {
    MessageSerializer serializer = serializer();
    DataOutputSerializer out = new DataOutputSerializer(256);
    long total = 0;
    for (Message message : messages) {
      out.clear();
      serializer.serialize(message, out);
      total += out.length();
    }
    return total;
  }

  static int fileCount(File directory) {
    String[] names = directory.list();
    return names == null ? 0 : names.length;
  }

  /** A message as value: Message itself has no equals. */
  static final class Logged {
    final Address source;
    final Address target;
    final Object payload;

    private Logged(Address source, Address target, Object payload) {
      this.source = source;
      this.target = target;
      this.payload = payload;
    }

    static Logged of(Message message) {
      return new Logged(message.source(), message.target(), message.payload());
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Logged)) {
        return false;
      }
      Logged other = (Logged) o;
      return Objects.equals(source, other.source)
          && Objects.equals(target, other.target)
          && Objects.equals(payload, other.payload);
    }

    @Override
    public int hashCode() {
      return Objects.hash(source, target, payload);
    }

    @Override
    public String toString() {
      return (source == null ? "ingress" : source) + " -> " + target + ": " + payload;
    }
  }
}
