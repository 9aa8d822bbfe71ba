package io.statefun.flink.state.savepoint;

import io.statefun.flink.core.feedback.FeedbackLogReader;
import io.statefun.flink.core.message.Message;
import io.statefun.flink.core.message.MessageSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.runtime.state.KeyGroupStatePartitionStreamProvider;
import org.apache.flink.runtime.state.KeyGroupsStateHandle;
import org.apache.flink.runtime.state.KeyedStateHandle;

/**
 * The messages a savepoint's feedback log holds: messages that were in flight in the loop (sent
 * between functions of different subtasks, or queued locally) when the savepoint was taken. A job
 * restored from the savepoint delivers them first. Read with core's own log reader, key group by
 * key group, from the functions operator's raw keyed state.
 */
public final class FeedbackLogContents {
  private final List<Message> messages;

  private FeedbackLogContents(List<Message> messages) {
    this.messages = messages;
  }

  /**
   * @throws IOException naming the key group if a log cannot be read (for instance, a payload class
   *     is missing)
   */
  public static FeedbackLogContents read(
      FunctionsOperatorSnapshot snapshot, MessageSerializer serializer) throws IOException {
    List<Message> messages = new ArrayList<>();
    for (KeyedStateHandle handle : snapshot.rawKeyedState()) {
      if (!(handle instanceof KeyGroupsStateHandle)) {
        throw new IOException(
            "savepoint "
                + snapshot.path()
                + ": raw keyed state handle "
                + handle.getClass().getName()
                + " is not a key-group stream; cannot check the feedback log");
      }
      KeyGroupsStateHandle groups = (KeyGroupsStateHandle) handle;
      for (int keyGroup : groups.getKeyGroupRange()) {
        long offset = groups.getOffsetForKeyGroup(keyGroup);
        if (offset < 0) {
          continue; // nothing was written for this key group
        }
        try (FSDataInputStream in = groups.openInputStream()) {
          in.seek(offset);
          messages.addAll(
              FeedbackLogReader.read(
                  List.of(new KeyGroupStatePartitionStreamProvider(in, keyGroup)), serializer));
        } catch (IOException | RuntimeException e) {
          throw new IOException(
              "savepoint "
                  + snapshot.path()
                  + ": cannot read the feedback log of key group "
                  + keyGroup
                  + ": "
                  + e.getMessage(),
              e);
        }
      }
    }
    return new FeedbackLogContents(Collections.unmodifiableList(messages));
  }

  public List<Message> messages() {
    return messages;
  }

  public boolean isEmpty() {
    return messages.isEmpty();
  }
}
