package io.statefun.flink.harness.io;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.metrics.groups.SourceReaderMetricGroup;
import org.apache.flink.util.concurrent.ExecutorThreadFactory;

/**
 * Emits {@code generator(index)} for the indexes of its splits, optionally paced. When every split
 * is exhausted it stays idle instead of ending: statefun ingresses are unbounded. Exhausted splits
 * stay in the checkpointed state, so a job restored with a larger count continues where they end.
 *
 * <p>Pacing: each of the source's {@code stride} splits runs at {@code recordsPerSecond / stride},
 * so the readers together keep the configured rate whatever the current parallelism. The records
 * still to come are reported as the standard {@code pendingRecords} gauge, once the enumerator has
 * said that no more splits will come.
 *
 * <p>A paced reader owns the one thread that wakes it when the next record is due, and stops it on
 * close: nothing JVM-wide (such as {@code CompletableFuture}'s delay scheduler and async pool)
 * stands between a job and its input.
 */
final class GeneratorSourceReader<T> implements SourceReader<T, GeneratorSplit> {
  private final SerializableGenerator<T> generator;
  private final long count;
  private final double recordsPerSecond;
  private final LongSupplier clock;
  private final List<MutableSplit> allSplits = new ArrayList<>();
  private final ArrayDeque<MutableSplit> splits = new ArrayDeque<>(); // those not exhausted
  private CompletableFuture<Void> available = new CompletableFuture<>();
  private ScheduledExecutorService pacer; // created at the first wait
  private long nextDueNanos;
  // Read by the metric reporter's thread. Unknown (reported as Long.MAX_VALUE) until the
  // enumerator has said that this reader has all its splits.
  private volatile long pendingRecords;
  private volatile boolean allSplitsKnown;

  GeneratorSourceReader(
      SerializableGenerator<T> generator,
      long count,
      double recordsPerSecond,
      LongSupplier clock,
      SourceReaderMetricGroup metrics) {
    this.generator = generator;
    this.count = count;
    this.recordsPerSecond = recordsPerSecond;
    this.clock = clock;
    metrics.setPendingRecordsGauge(() -> allSplitsKnown ? pendingRecords : Long.MAX_VALUE);
  }

  @Override
  public void start() {
    nextDueNanos = clock.getAsLong();
  }

  private static long remaining(MutableSplit split, long count) {
    return split.next >= count ? 0 : (count - split.next - 1) / split.stride + 1;
  }

  @Override
  public InputStatus pollNext(ReaderOutput<T> output) {
    MutableSplit split = splits.peekFirst();
    if (split == null) {
      return idle();
    }
    if (recordsPerSecond > 0) {
      long waitNanos = nextDueNanos - clock.getAsLong();
      if (waitNanos > 0) {
        // The wake-up completes the future it was scheduled for, never a later one.
        CompletableFuture<Void> due = new CompletableFuture<>();
        available = due;
        pacer().schedule(() -> due.complete(null), waitNanos, TimeUnit.NANOSECONDS);
        return InputStatus.NOTHING_AVAILABLE;
      }
      // This reader's share of the rate: its unfinished splits out of all the source's splits.
      double readerRate = recordsPerSecond * splits.size() / split.stride;
      nextDueNanos += (long) (1e9 / readerRate);
    }
    output.collect(generator.generate(split.next));
    if (pendingRecords != Long.MAX_VALUE) {
      pendingRecords--;
    }
    split.next += split.stride;
    splits.pollFirst();
    if (split.next < count) {
      splits.addLast(split); // round-robin over splits
    }
    return splits.isEmpty() ? idle() : InputStatus.MORE_AVAILABLE;
  }

  private ScheduledExecutorService pacer() {
    if (pacer == null) {
      pacer =
          Executors.newSingleThreadScheduledExecutor(
              new ExecutorThreadFactory("statefun-generator-pacer"));
    }
    return pacer;
  }

  private InputStatus idle() {
    if (available.isDone()) {
      available = new CompletableFuture<>();
    }
    return InputStatus.NOTHING_AVAILABLE;
  }

  @Override
  public List<GeneratorSplit> snapshotState(long checkpointId) {
    List<GeneratorSplit> state = new ArrayList<>(allSplits.size());
    for (MutableSplit split : allSplits) {
      state.add(new GeneratorSplit(split.id, split.stride, split.next));
    }
    return state;
  }

  @Override
  public CompletableFuture<Void> isAvailable() {
    return available;
  }

  @Override
  public void addSplits(List<GeneratorSplit> added) {
    if (splits.isEmpty()) {
      // No catching up for the time this reader had nothing to emit.
      nextDueNanos = Math.max(nextDueNanos, clock.getAsLong());
    }
    for (GeneratorSplit split : added) {
      MutableSplit mutable = new MutableSplit(split);
      allSplits.add(mutable);
      if (mutable.next < count) {
        splits.addLast(mutable);
        long more = remaining(mutable, count);
        // Saturating: an endless split reports Long.MAX_VALUE.
        pendingRecords =
            pendingRecords > Long.MAX_VALUE - more ? Long.MAX_VALUE : pendingRecords + more;
      }
    }
    available.complete(null);
  }

  @Override
  public void notifyNoMoreSplits() {
    allSplitsKnown = true;
  }

  @Override
  public void close() {
    if (pacer != null) {
      pacer.shutdownNow();
    }
  }

  private static final class MutableSplit {
    final int id;
    final int stride;
    long next;

    MutableSplit(GeneratorSplit split) {
      this.id = split.id;
      this.stride = split.stride;
      this.next = split.next;
    }
  }
}
