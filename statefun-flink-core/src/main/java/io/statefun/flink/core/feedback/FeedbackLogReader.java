package io.statefun.flink.core.feedback;

import io.statefun.flink.core.message.Message;
import io.statefun.flink.core.message.MessageSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.runtime.state.KeyGroupStatePartitionStreamProvider;

/**
 * Reads the feedback logs of the key groups a restored subtask owns. Public for offline tools
 * (statefun-flink-state-processor), which read a savepoint's log without an operator.
 */
@Internal
public final class FeedbackLogReader {
  private FeedbackLogReader() {}

  /** Reads as {@link #read(Iterable, MessageSerializer, FeedbackLogMetrics)}, reporting nowhere. */
  public static List<Message> read(
      Iterable<KeyGroupStatePartitionStreamProvider> keyGroups, MessageSerializer serializer)
      throws IOException {
    return read(keyGroups, serializer, new FeedbackLogMetrics(new UnregisteredMetricsGroup()));
  }

  /**
   * @return the logged messages, key group by key group, each in the order it was drained
   * @throws IOException if a key group's log is not in a format this version can read
   */
  static List<Message> read(
      Iterable<KeyGroupStatePartitionStreamProvider> keyGroups,
      MessageSerializer serializer,
      FeedbackLogMetrics metrics)
      throws IOException {
    List<Message> messages = new ArrayList<>();
    for (KeyGroupStatePartitionStreamProvider keyGroup : keyGroups) {
      DataInputViewStreamWrapper in = new DataInputViewStreamWrapper(keyGroup.getStream());
      int magic = in.readInt();
      if (magic != LogFormat.MAGIC) {
        throw new IOException(
            "key group " + keyGroup.getKeyGroupId() + " holds no statefun feedback log");
      }
      int version = in.readInt();
      if (version != LogFormat.VERSION) {
        throw new IOException(
            "feedback log of key group "
                + keyGroup.getKeyGroupId()
                + " has format version "
                + version
                + "; this runtime reads version "
                + LogFormat.VERSION);
      }
      int count = in.readInt();
      for (int i = 0; i < count; i++) {
        messages.add(serializer.deserialize(in));
      }
    }
    metrics.replayed(messages.size());
    return messages;
  }
}
