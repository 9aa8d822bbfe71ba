package io.statefun.flink.harness.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.metrics.groups.SourceReaderMetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.UserCodeClassLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The overall rate of a paced generator stays as configured when a job restored from a checkpoint
 * taken at one parallelism runs at another: the splits are made once (here, at parallelism 2), the
 * readers are as many as the current parallelism. Driven by a manual clock, so it is exact.
 */
class GeneratorSourcePacingTest {
  private static final double RATE = 100;
  private static final int SECONDS = 10;

  private long nowNanos;

  @ParameterizedTest(name = "restored at parallelism {0}")
  @ValueSource(ints = {1, 2, 3, 4})
  void overallRateIsKeptAfterARescale(int parallelism) throws Exception {
    int splitsAtFirstStart = 2;
    long emitted = runReaders(splitsAtFirstStart, parallelism);

    assertThat(emitted).isBetween((long) (RATE * SECONDS) - 2, (long) (RATE * SECONDS) + 2);
  }

  @Test
  void aReaderThatGetsSplitsLateDoesNotCatchUp() throws Exception {
    GeneratorSource<Long> source = new GeneratorSource<>(index -> index, Long.MAX_VALUE, RATE);
    SourceReader<Long, GeneratorSplit> reader =
        source.createReader(new ReaderContext(0, 1), () -> nowNanos);
    reader.start();
    Counting output = new Counting();
    advance(List.of(reader), output, 5_000); // five seconds without splits
    reader.addSplits(List.of(new GeneratorSplit(0, 1, 0)));

    advance(List.of(reader), output, 1_000);
    reader.close();

    assertThat(output.count).isBetween((long) RATE - 2, (long) RATE + 2);
  }

  @Test
  void aPacedReaderWakesItselfWhenTheNextRecordIsDueAndStopsItsThreadOnClose() throws Exception {
    GeneratorSource<Long> source = new GeneratorSource<>(index -> index, Long.MAX_VALUE, 50);
    SourceReader<Long, GeneratorSplit> reader =
        source.createReader(new ReaderContext(0, 1), System::nanoTime);
    reader.start();
    reader.addSplits(List.of(new GeneratorSplit(0, 1, 0)));
    Counting output = new Counting();
    int waits = 0;
    long started = System.nanoTime();
    while (output.count < 10) {
      if (reader.pollNext(output) == InputStatus.NOTHING_AVAILABLE) {
        reader
            .isAvailable()
            .get(60, TimeUnit.SECONDS); // only the reader's own wake-up completes it
        waits++;
      }
    }
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertThat(waits).isPositive();
    assertThat(elapsedMs).as("ten records at 50 per second").isGreaterThanOrEqualTo(175);
    assertThat(pacerThreads()).isNotEmpty();

    reader.close();

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!pacerThreads().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(pacerThreads()).as("pacer threads after close").isEmpty();
  }

  private static List<Thread> pacerThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("statefun-generator-pacer") && t.isAlive())
        .toList();
  }

  private long runReaders(int splits, int parallelism) throws Exception {
    GeneratorSource<Long> source = new GeneratorSource<>(index -> index, Long.MAX_VALUE, RATE);
    List<SourceReader<Long, GeneratorSplit>> readers = new ArrayList<>();
    for (int subtask = 0; subtask < parallelism; subtask++) {
      SourceReader<Long, GeneratorSplit> reader =
          source.createReader(new ReaderContext(subtask, parallelism), () -> nowNanos);
      reader.start();
      List<GeneratorSplit> assigned = new ArrayList<>();
      for (int id = 0; id < splits; id++) {
        if (id % parallelism == subtask) { // as the enumerator assigns them
          assigned.add(new GeneratorSplit(id, splits, id));
        }
      }
      reader.addSplits(assigned);
      readers.add(reader);
    }
    Counting output = new Counting();
    advance(readers, output, SECONDS * 1_000);
    for (SourceReader<Long, GeneratorSplit> reader : readers) {
      reader.close();
    }
    return output.count;
  }

  /** Polls every reader until it has nothing, then moves the clock one millisecond; repeats. */
  private void advance(
      List<SourceReader<Long, GeneratorSplit>> readers, Counting output, int millis)
      throws Exception {
    for (int ms = 0; ms < millis; ms++) {
      for (SourceReader<Long, GeneratorSplit> reader : readers) {
        for (int polls = 0; polls < 1_000; polls++) {
          if (reader.pollNext(output) != InputStatus.MORE_AVAILABLE) {
            break;
          }
        }
      }
      nowNanos += 1_000_000;
    }
  }

  private static final class Counting implements ReaderOutput<Long> {
    long count;

    @Override
    public void collect(Long record) {
      count++;
    }

    @Override
    public void collect(Long record, long timestamp) {
      count++;
    }

    @Override
    public void emitWatermark(Watermark watermark) {}

    @Override
    public void markIdle() {}

    @Override
    public void markActive() {}

    @Override
    public SourceOutput<Long> createOutputForSplit(String splitId) {
      return this;
    }

    @Override
    public void releaseOutputForSplit(String splitId) {}
  }

  private static final class ReaderContext implements SourceReaderContext {
    private final int subtask;
    private final int parallelism;

    ReaderContext(int subtask, int parallelism) {
      this.subtask = subtask;
      this.parallelism = parallelism;
    }

    @Override
    public SourceReaderMetricGroup metricGroup() {
      return UnregisteredMetricsGroup.createSourceReaderMetricGroup();
    }

    @Override
    public Configuration getConfiguration() {
      return new Configuration();
    }

    @Override
    public String getLocalHostName() {
      return "127.0.0.1";
    }

    @Override
    public int getIndexOfSubtask() {
      return subtask;
    }

    @Override
    public int currentParallelism() {
      return parallelism;
    }

    @Override
    public void sendSplitRequest() {}

    @Override
    public void sendSourceEventToCoordinator(SourceEvent event) {}

    @Override
    public UserCodeClassLoader getUserCodeClassLoader() {
      return null;
    }
  }
}
