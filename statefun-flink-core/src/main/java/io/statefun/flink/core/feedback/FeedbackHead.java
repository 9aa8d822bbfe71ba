package io.statefun.flink.core.feedback;

import io.statefun.flink.core.message.Message;
import io.statefun.flink.core.message.MessageSerializer;
import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.function.ToIntFunction;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.KeyGroupRange;
import org.apache.flink.runtime.state.KeyGroupStatePartitionStreamProvider;
import org.apache.flink.runtime.state.KeyedStateCheckpointOutputStream;

/**
 * The consumer side of the loop, run by the function operator of one subtask: drains the channel
 * the co-located {@link FeedbackTailOperator} fills, hands each message to the functions, appends
 * it to the log of every checkpoint still waiting for its sentinel, and writes a checkpoint's log
 * when its sentinel arrives. Task thread only.
 */
@Internal
public final class FeedbackHead implements FeedbackConsumer<Object>, AutoCloseable {
  private final FeedbackKey key;
  private final MessageSerializer serializer;
  private final FeedbackLogMetrics metrics;
  private final FeedbackLogger logger;
  private final MetricGroup metricGroup;
  private FeedbackConsumer<Message> functions;
  private FeedbackChannel<Object> channel;

  /**
   * @param keyGroupOf the key group of a message's target, by which the log is split
   * @param keyGroups the key groups this subtask owns
   * @param metricGroup the operator's group, which the loop's metrics are registered in
   */
  public FeedbackHead(
      FeedbackKey key,
      MessageSerializer serializer,
      ToIntFunction<Message> keyGroupOf,
      KeyGroupRange keyGroups,
      long logMemoryBytes,
      File spillDirectory,
      MetricGroup metricGroup) {
    this.key = key;
    this.serializer = serializer;
    this.metricGroup = metricGroup;
    this.metrics = new FeedbackLogMetrics(metricGroup);
    this.logger =
        new FeedbackLogger(
            serializer, keyGroupOf, keyGroups, logMemoryBytes, spillDirectory, metrics);
  }

  /** The messages the restored checkpoint logged for this subtask's key groups, to replay. */
  public List<Message> restoredMessages(Iterable<KeyGroupStatePartitionStreamProvider> keyGroups)
      throws IOException {
    return FeedbackLogReader.read(keyGroups, serializer, metrics);
  }

  /** Starts delivering the channel's records to {@code functions} in mails of {@code batch}. */
  public void start(FeedbackConsumer<Message> functions, MailboxExecutor mailbox, int batch) {
    this.functions = functions;
    this.channel = FeedbackChannelBroker.get().channel(key);
    metricGroup.gauge("feedbackQueueSize", channel::size);
    metricGroup.gauge("feedbackQueueSpillBytes", channel::spillBytes);
    metricGroup.gauge("feedbackQueueSpilledBytesTotal", channel::spilledBytesTotal);
    channel.registerConsumer(this, mailbox, batch, new FeedbackRecordCodec(serializer));
  }

  @Override
  public void processFeedback(Object record) throws Exception {
    if (record instanceof Message) {
      Message message = (Message) record;
      logger.append(message);
      functions.processFeedback(message);
    } else if (record instanceof CheckpointSentinel) {
      logger.commit(((CheckpointSentinel) record).checkpointId());
    } else {
      throw new IllegalStateException("unexpected feedback record " + record);
    }
  }

  @Override
  public void endOfFeedbackBatch() throws Exception {
    functions.endOfFeedbackBatch();
  }

  /**
   * Opens the log of a checkpoint whose snapshot is being taken.
   *
   * @param pendingLocal messages between addresses of this subtask not yet delivered at the cut
   */
  public void snapshot(
      long checkpointId, KeyedStateCheckpointOutputStream out, Iterable<Message> pendingLocal)
      throws IOException {
    logger.startLogging(checkpointId, out, pendingLocal);
  }

  /**
   * Opens the log of a checkpoint whose snapshot is being taken, which {@link #fail()} fails with
   * {@code failer}.
   *
   * @param pendingLocal messages between addresses of this subtask not yet delivered at the cut
   */
  public void snapshot(
      long checkpointId,
      KeyedStateCheckpointOutputStream out,
      SnapshotFailer failer,
      Iterable<Message> pendingLocal)
      throws IOException {
    logger.startLogging(checkpointId, out, failer, pendingLocal);
  }

  /**
   * The operator failed on the task thread: the snapshot of every open log fails and its lease is
   * released, so the task's cleanup, which waits for those snapshots before it closes operators,
   * can finish.
   */
  public void fail() {
    logger.fail();
  }

  /**
   * The task is ending (failing or cancelled): fails the snapshot of every open log and releases
   * its lease. Unlike {@link #fail()} any thread may call it; see {@link LeaseWatch}.
   */
  public void releaseForEndingTask() {
    logger.releaseForEndingTask();
  }

  /** Flink aborted the checkpoint: its log is dropped. */
  public void abort(long checkpointId) {
    logger.abort(checkpointId);
  }

  /** Closes the channel, removing it from the broker, and drops every open log. */
  @Override
  public void close() {
    FeedbackChannelBroker.get().remove(key);
    if (channel != null) {
      // The tail may have taken the broker's entry out already; the spill goes with the channel.
      channel.close();
    }
    logger.close();
  }
}
