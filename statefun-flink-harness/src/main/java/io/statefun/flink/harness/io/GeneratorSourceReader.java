package io.statefun.flink.harness.io;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.core.io.InputStatus;

/**
 * Emits {@code generator(index)} for the indexes of its splits, optionally paced. When every split
 * is exhausted it stays idle instead of ending: statefun ingresses are unbounded. Exhausted splits
 * stay in the checkpointed state, so a job restored with a larger count continues where they end.
 */
final class GeneratorSourceReader<T> implements SourceReader<T, GeneratorSplit> {
  private final SerializableGenerator<T> generator;
  private final long count;
  private final double recordsPerSecondPerSplit;
  private final List<MutableSplit> allSplits = new ArrayList<>();
  private final ArrayDeque<MutableSplit> splits = new ArrayDeque<>(); // those not exhausted
  private CompletableFuture<Void> available = new CompletableFuture<>();
  private long startNanos;
  private long emitted;

  GeneratorSourceReader(
      SerializableGenerator<T> generator, long count, double recordsPerSecondPerSplit) {
    this.generator = generator;
    this.count = count;
    this.recordsPerSecondPerSplit = recordsPerSecondPerSplit;
  }

  @Override
  public void start() {
    startNanos = System.nanoTime();
  }

  @Override
  public InputStatus pollNext(ReaderOutput<T> output) {
    MutableSplit split = splits.peekFirst();
    if (split == null) {
      return idle();
    }
    if (recordsPerSecondPerSplit > 0) {
      long dueNanos =
          startNanos + (long) (emitted / (recordsPerSecondPerSplit * splits.size()) * 1e9);
      long waitNanos = dueNanos - System.nanoTime();
      if (waitNanos > 0) {
        available = new CompletableFuture<>();
        CompletableFuture.delayedExecutor(waitNanos, TimeUnit.NANOSECONDS)
            .execute(() -> available.complete(null));
        return InputStatus.NOTHING_AVAILABLE;
      }
    }
    output.collect(generator.generate(split.next));
    emitted++;
    split.next += split.stride;
    splits.pollFirst();
    if (split.next < count) {
      splits.addLast(split); // round-robin over splits
    }
    return splits.isEmpty() ? idle() : InputStatus.MORE_AVAILABLE;
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
    for (GeneratorSplit split : added) {
      MutableSplit mutable = new MutableSplit(split);
      allSplits.add(mutable);
      if (mutable.next < count) {
        splits.addLast(mutable);
      }
    }
    available.complete(null);
  }

  @Override
  public void notifyNoMoreSplits() {}

  @Override
  public void close() {}

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
