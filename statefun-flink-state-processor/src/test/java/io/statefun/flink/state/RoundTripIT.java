package io.statefun.flink.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.flink.harness.HarnessJob;
import io.statefun.flink.state.read.FunctionStateReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.core.execution.SavepointFormatType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A job runs the workload to the end, stops with a savepoint, and a read of the savepoint returns
 * exactly the state the commands imply, for every address of both function types: values, tables,
 * buffers (in order), an expiring value within its time to live, and none of the values whose time
 * to live has passed.
 */
class RoundTripIT {
  static final int COMMANDS = 240;
  static final int IDS = 12; // a multiple of the parallelism: each id's commands keep their order
  static final Duration TIMEOUT = Duration.ofSeconds(90);

  @TempDir Path savepoints;

  @BeforeEach
  void reset() {
    Workload.OUTPUT.clear();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"hashmap,CANONICAL", "hashmap,NATIVE", "rocksdb,CANONICAL", "rocksdb,NATIVE"})
  void aReadReturnsExactlyWhatTheWorkloadLeftBehind(String backend, SavepointFormatType format)
      throws Exception {
    String savepoint = runToTheEnd(backend, format, savepoints);
    Thread.sleep(Workload.SHORT_TTL.toMillis()); // every "fleeting" value has expired now

    FunctionStateReader reader =
        FunctionStateReader.read(
            Jobs.env(), savepoint, StateBackends.of(backend), Jobs.functions());
    Set<FunctionStateEntry> read = new HashSet<>(reader.list(Workload.COUNTER));
    read.addAll(
        FunctionStateReader.read(Jobs.env(), savepoint, StateBackends.of(backend), Jobs.functions())
            .list(Workload.PEER));

    assertThat(read).containsExactlyInAnyOrderElementsOf(Expected.entries(COMMANDS, IDS, true));
  }

  /** Runs the workload until every peer acknowledged, then stops with a savepoint. */
  static String runToTheEnd(String backend, SavepointFormatType format, Path directory)
      throws Exception {
    try (HarnessJob job =
        Jobs.harness(backend)
            .withGeneratedIngress(Workload.COMMANDS, COMMANDS, i -> Workload.command(i, IDS))
            .startAsync()) {
      job.awaitCondition(() -> acks() == COMMANDS, TIMEOUT);
      return job.stopWithSavepoint(directory.toUri().toString(), format);
    }
  }

  static long acks() {
    return Workload.OUTPUT.stream().filter(r -> r instanceof Workload.Ack).count();
  }

  static List<Object> output() {
    return new ArrayList<>(Workload.OUTPUT);
  }
}
