package io.statefun.flink.core.feedback;

import java.io.File;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputViewStreamWrapper;
import org.apache.flink.runtime.state.KeyGroupRange;
import org.apache.flink.runtime.state.KeyedStateCheckpointOutputStream;
import org.apache.flink.util.IOUtils;
import org.apache.flink.util.ResourceGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feedback records of one checkpoint that were drained between its barrier and its sentinel,
 * grouped by target key group. Holds them in memory within a shared {@link MemoryBudget} and spills
 * them to a temporary file beyond it. Holds a lease on the checkpoint's raw keyed state stream, so
 * Flink completes the checkpoint only after {@link #commit()} wrote the log (or {@link #abandon()}
 * gave up on it, or {@link #fail()} failed the snapshot).
 */
final class CheckpointLog {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointLog.class);

  final long checkpointId;
  final long startNanos = System.nanoTime();

  private final KeyedStateCheckpointOutputStream out;
  private final ResourceGuard.Lease lease;
  private final SnapshotFailer failer;
  private final MemoryBudget budget;
  private final File spillDirectory;
  private final int firstKeyGroup;
  private final DataOutputSerializer[] buffers;
  private final int[] counts;
  private final long[][] spilledSegments; // per key group: offset, length, offset, length, ...
  private final int[] spilledSegmentCounts;
  private long inMemoryBytes;
  private long spilledBytes;
  private long records;
  private SpillFile spill;

  /** Set by the first {@link #releaseForEndingTask()}, which may run on any thread. */
  private final AtomicBoolean releasedForEndingTask = new AtomicBoolean();

  CheckpointLog(
      long checkpointId,
      KeyedStateCheckpointOutputStream out,
      KeyGroupRange keyGroups,
      MemoryBudget budget,
      File spillDirectory)
      throws IOException {
    this(checkpointId, out, null, keyGroups, budget, spillDirectory);
  }

  /**
   * @param failer fails the snapshot {@code out} belongs to, for {@link #fail()}; {@code null} if
   *     none is known, then {@link #fail()} keeps the lease
   */
  CheckpointLog(
      long checkpointId,
      KeyedStateCheckpointOutputStream out,
      SnapshotFailer failer,
      KeyGroupRange keyGroups,
      MemoryBudget budget,
      File spillDirectory)
      throws IOException {
    this.checkpointId = checkpointId;
    this.out = out;
    this.failer = failer;
    this.lease = out.acquireLease();
    this.budget = budget;
    this.spillDirectory = spillDirectory;
    this.firstKeyGroup = keyGroups.getStartKeyGroup();
    int size = keyGroups.getNumberOfKeyGroups();
    this.buffers = new DataOutputSerializer[size];
    this.counts = new int[size];
    this.spilledSegments = new long[size][];
    this.spilledSegmentCounts = new int[size];
  }

  void append(int keyGroup, byte[] record, int length) throws IOException {
    int index = keyGroup - firstKeyGroup;
    DataOutputSerializer buffer = buffers[index];
    if (buffer == null) {
      buffer = new DataOutputSerializer(Math.max(64, length));
      buffers[index] = buffer;
    }
    buffer.write(record, 0, length);
    counts[index]++;
    records++;
    inMemoryBytes += length;
    if (!budget.reserve(length)) {
      spillAll();
    }
  }

  private void spillAll() throws IOException {
    if (spill == null) {
      spill = new SpillFile(spillDirectory);
    }
    for (int i = 0; i < buffers.length; i++) {
      DataOutputSerializer buffer = buffers[i];
      if (buffer == null || buffer.length() == 0) {
        continue;
      }
      long offset = spill.append(buffer.getSharedBuffer(), buffer.length());
      addSegment(i, offset, buffer.length());
      spilledBytes += buffer.length();
      buffers[i] = null;
    }
    budget.release(inMemoryBytes);
    inMemoryBytes = 0;
  }

  private void addSegment(int index, long offset, long length) {
    long[] segments = spilledSegments[index];
    int n = spilledSegmentCounts[index];
    if (segments == null) {
      segments = new long[8];
    } else if (2 * n + 2 > segments.length) {
      segments = Arrays.copyOf(segments, segments.length * 2);
    }
    segments[2 * n] = offset;
    segments[2 * n + 1] = length;
    spilledSegments[index] = segments;
    spilledSegmentCounts[index] = n + 1;
  }

  /** Writes every key group's log to the checkpoint and releases it. */
  void commit() throws IOException {
    try {
      DataOutputViewStreamWrapper view = new DataOutputViewStreamWrapper(out);
      byte[] scratch = spill == null ? null : new byte[64 * 1024];
      for (int keyGroup : out.getKeyGroupList()) {
        int index = keyGroup - firstKeyGroup;
        out.startNewKeyGroup(keyGroup);
        view.writeInt(LogFormat.MAGIC);
        view.writeInt(LogFormat.VERSION);
        view.writeInt(counts[index]);
        long[] segments = spilledSegments[index];
        for (int s = 0; s < spilledSegmentCounts[index]; s++) {
          spill.copyTo(segments[2 * s], segments[2 * s + 1], out, scratch);
        }
        DataOutputSerializer buffer = buffers[index];
        if (buffer != null) {
          out.write(buffer.getSharedBuffer(), 0, buffer.length());
        }
      }
    } finally {
      abandon();
    }
  }

  /** Releases the log without writing it: its checkpoint cannot complete. */
  void abandon() {
    budget.release(inMemoryBytes);
    inMemoryBytes = 0;
    Arrays.fill(buffers, null);
    IOUtils.closeQuietly(spill);
    spill = null;
    lease.close();
  }

  /**
   * The operator failed with this log open: fails the snapshot, then releases the log. Without a
   * failer the lease is kept (the checkpoint must not complete), and only {@link #abandon()} at
   * close releases it.
   *
   * @return whether the log was released
   */
  boolean fail() {
    if (failer == null) {
      return false;
    }
    try {
      failer.fail();
    } catch (Exception e) {
      // The stream is closed (or was already): what matters is that no handle can be made.
      LOG.debug("failing the snapshot of checkpoint {} threw", checkpointId, e);
    }
    abandon();
    return true;
  }

  /**
   * The task is ending while this log is open: fails the snapshot and releases the lease, touching
   * nothing else, so any thread may call it. Flink's task cleanup cancels a snapshot whose
   * asynchronous part has not started on the task thread itself, waiting for the lease, before it
   * closes the operators (where {@link #abandon()} would release it). Without a failer the lease is
   * kept, as in {@link #fail()}.
   */
  void releaseForEndingTask() {
    if (failer == null || !releasedForEndingTask.compareAndSet(false, true)) {
      return;
    }
    LOG.info(
        "checkpoint {}: the task is ending with this feedback log open; failing its snapshot",
        checkpointId);
    try {
      failer.fail();
    } catch (Exception e) {
      LOG.debug("failing the snapshot of checkpoint {} threw", checkpointId, e);
    }
    lease.close(); // idempotent: a later abandon() closes it again harmlessly
  }

  long records() {
    return records;
  }

  long spilledBytes() {
    return spilledBytes;
  }
}
