package io.statefun.flink.harness.io;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A checkpointed, replayable, unbounded source of {@code generator(0) … generator(count - 1)}:
 * after a failure it resumes from the last checkpoint's positions and produces the same records, so
 * a test can compute the expected outcome from the generator alone. After the last index it stays
 * idle (it never finishes, because finishing would end the job while messages are in flight).
 */
@Internal
public final class GeneratorSource<T> implements Source<T, GeneratorSplit, List<GeneratorSplit>> {
  private static final long serialVersionUID = 1L;

  private final SerializableGenerator<T> generator;
  private final long count;
  private final double recordsPerSecond;

  /**
   * @param count how many records; {@link Long#MAX_VALUE} for endless
   * @param recordsPerSecond the overall rate, or 0 for as fast as possible
   */
  public GeneratorSource(SerializableGenerator<T> generator, long count, double recordsPerSecond) {
    if (count < 0) {
      throw new IllegalArgumentException("record count must not be negative: " + count);
    }
    if (recordsPerSecond < 0) {
      throw new IllegalArgumentException("rate must not be negative: " + recordsPerSecond);
    }
    this.generator = generator;
    this.count = count;
    this.recordsPerSecond = recordsPerSecond;
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.CONTINUOUS_UNBOUNDED;
  }

  @Override
  public SplitEnumerator<GeneratorSplit, List<GeneratorSplit>> createEnumerator(
      SplitEnumeratorContext<GeneratorSplit> context) {
    int parallelism = context.currentParallelism();
    List<GeneratorSplit> splits = new ArrayList<>(parallelism);
    for (int i = 0; i < parallelism; i++) {
      splits.add(new GeneratorSplit(i, parallelism, i));
    }
    return new GeneratorSplitEnumerator(context, splits);
  }

  @Override
  public SplitEnumerator<GeneratorSplit, List<GeneratorSplit>> restoreEnumerator(
      SplitEnumeratorContext<GeneratorSplit> context, List<GeneratorSplit> unassigned) {
    return new GeneratorSplitEnumerator(context, unassigned);
  }

  @Override
  public SimpleVersionedSerializer<GeneratorSplit> getSplitSerializer() {
    return GeneratorSplitSerializer.SPLIT;
  }

  @Override
  public SimpleVersionedSerializer<List<GeneratorSplit>> getEnumeratorCheckpointSerializer() {
    return GeneratorSplitSerializer.SPLITS;
  }

  @Override
  public SourceReader<T, GeneratorSplit> createReader(SourceReaderContext context) {
    return createReader(context, System::nanoTime);
  }

  /**
   * The rate is shared by the splits, not by the readers: the splits are made once, at the first
   * start, while the parallelism can change at every restore, so each split gets {@code
   * recordsPerSecond / splits} and a reader paces by the splits it holds.
   */
  SourceReader<T, GeneratorSplit> createReader(SourceReaderContext context, LongSupplier clock) {
    return new GeneratorSourceReader<>(
        generator, count, recordsPerSecond, clock, context.metricGroup());
  }
}
