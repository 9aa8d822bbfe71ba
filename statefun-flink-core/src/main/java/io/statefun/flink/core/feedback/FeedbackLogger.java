package io.statefun.flink.core.feedback;

import io.statefun.flink.core.message.Message;
import io.statefun.flink.core.message.MessageSerializer;
import java.io.File;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.state.KeyGroupRange;
import org.apache.flink.runtime.state.KeyedStateCheckpointOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upstream backup for the feedback edge. From a checkpoint's snapshot until the tail's sentinel for
 * it comes round, every feedback record the function operator drains is also appended to that
 * checkpoint's log; on the sentinel the log is written to the checkpoint's raw keyed state. Several
 * checkpoints may be open at once. Task thread only.
 */
final class FeedbackLogger implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FeedbackLogger.class);

  private final TreeMap<Long, CheckpointLog> open = new TreeMap<>();

  /** The logs in {@link #open}, readable by {@link #releaseForEndingTask()} on any thread. */
  private final Set<CheckpointLog> releasable = ConcurrentHashMap.newKeySet();

  private final MessageSerializer serializer;
  private final ToIntFunction<Message> keyGroupOf;
  private final KeyGroupRange keyGroups;
  private final MemoryBudget budget;
  private final File spillDirectory;
  private final FeedbackLogMetrics metrics;
  private final DataOutputSerializer scratch = new DataOutputSerializer(256);

  /** The newest checkpoint whose sentinel came round; -1 before the first. */
  private long newestSentinel = -1;

  FeedbackLogger(
      MessageSerializer serializer,
      ToIntFunction<Message> keyGroupOf,
      KeyGroupRange keyGroups,
      long memoryBudgetBytes,
      File spillDirectory,
      FeedbackLogMetrics metrics) {
    this.serializer = serializer;
    this.keyGroupOf = keyGroupOf;
    this.keyGroups = keyGroups;
    this.budget = new MemoryBudget(memoryBudgetBytes);
    this.spillDirectory = spillDirectory;
    this.metrics = metrics;
  }

  /**
   * Opens the log of {@code checkpointId}; called from the operator's snapshot.
   *
   * @param pendingLocal messages between addresses of this subtask that were sent before the cut
   *     and not yet delivered: in flight like feedback records, so they go into this log (and only
   *     this one) too
   */
  void startLogging(
      long checkpointId, KeyedStateCheckpointOutputStream out, Iterable<Message> pendingLocal)
      throws IOException {
    startLogging(checkpointId, out, null, pendingLocal);
  }

  /**
   * Opens the log of {@code checkpointId}, which {@link #fail()} can fail with {@code failer}.
   *
   * @param pendingLocal as in {@link #startLogging(long, KeyedStateCheckpointOutputStream,
   *     Iterable)}
   */
  void startLogging(
      long checkpointId,
      KeyedStateCheckpointOutputStream out,
      SnapshotFailer failer,
      Iterable<Message> pendingLocal)
      throws IOException {
    if (checkpointId <= newestSentinel) {
      // The tail took this checkpoint before this subtask did, so records it put after the
      // sentinel may already be applied: no log opened now could make the checkpoint consistent.
      // Only an unaligned function -> tail edge allows this; failing beats completing it empty.
      throw new IOException(
          "checkpoint "
              + checkpointId
              + ": the feedback sentinel of checkpoint "
              + newestSentinel
              + " arrived before this function subtask's snapshot; the edge into the feedback tail"
              + " must be aligned");
    }
    CheckpointLog log =
        new CheckpointLog(checkpointId, out, failer, keyGroups, budget, spillDirectory);
    open.put(checkpointId, log);
    releasable.add(log);
    try {
      for (Message message : pendingLocal) {
        serialize(message);
        log.append(keyGroupOf.applyAsInt(message), scratch.getSharedBuffer(), scratch.length());
      }
    } catch (IOException | RuntimeException e) {
      // The snapshot fails with this exception and Flink closes its streams: nothing to wait for.
      open.remove(checkpointId);
      releasable.remove(log);
      log.abandon();
      throw e;
    }
  }

  /** Whether any checkpoint is waiting for its sentinel. */
  boolean isLogging() {
    return !open.isEmpty();
  }

  /** Appends a drained feedback record to every open log. */
  void append(Message message) throws IOException {
    if (open.isEmpty()) {
      return;
    }
    serialize(message);
    int keyGroup = keyGroupOf.applyAsInt(message);
    for (CheckpointLog log : open.values()) {
      log.append(keyGroup, scratch.getSharedBuffer(), scratch.length());
    }
  }

  private void serialize(Message message) throws IOException {
    scratch.clear();
    serializer.serialize(message, scratch);
  }

  /**
   * The sentinel of {@code checkpointId} arrived: writes that checkpoint's log. Older logs still
   * open belong to checkpoints the tail never took, which therefore cannot complete: they are
   * dropped.
   */
  void commit(long checkpointId) throws IOException {
    newestSentinel = Math.max(newestSentinel, checkpointId);
    Iterator<Map.Entry<Long, CheckpointLog>> it = open.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Long, CheckpointLog> entry = it.next();
      if (entry.getKey() > checkpointId) {
        break;
      }
      CheckpointLog log = entry.getValue();
      it.remove();
      releasable.remove(log);
      if (entry.getKey() < checkpointId) {
        log.abandon();
        continue;
      }
      long millis = (System.nanoTime() - log.startNanos) / 1_000_000;
      try {
        log.commit();
      } catch (IOException e) {
        // The checkpoint was aborted meanwhile and its stream closed; nothing to keep.
        LOG.debug("feedback log of checkpoint {} could not be written", checkpointId, e);
        continue;
      }
      metrics.committed(log.records(), log.spilledBytes(), millis);
      LOG.debug(
          "checkpoint {}: logged {} feedback records ({} bytes spilled), sentinel after {} ms",
          checkpointId,
          log.records(),
          log.spilledBytes(),
          millis);
    }
  }

  /** Flink aborted {@code checkpointId}: drop its log. */
  void abort(long checkpointId) {
    CheckpointLog log = open.remove(checkpointId);
    if (log != null) {
      releasable.remove(log);
      log.abandon();
    }
  }

  /**
   * The operator failed: fails the snapshot of every open log and releases it. Flink closes the
   * checkpoint coordinator, which waits for the snapshots' leases, before it closes the operator;
   * without this that wait would never end.
   */
  void fail() {
    open.values()
        .removeIf(
            log -> {
              if (!log.fail()) {
                return false;
              }
              releasable.remove(log);
              return true;
            });
  }

  /**
   * The task is ending with logs open (see {@link CheckpointLog#releaseForEndingTask()}): fails
   * their snapshots and releases their leases. Any thread; the logs stay open until {@link
   * #close()}.
   */
  void releaseForEndingTask() {
    releasable.forEach(CheckpointLog::releaseForEndingTask);
  }

  @Override
  public void close() {
    open.values().forEach(CheckpointLog::abandon);
    open.clear();
    releasable.clear();
  }
}
