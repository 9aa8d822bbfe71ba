package io.statefun.flink.datastream;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.flink.datastream.CommandProgram.Report;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Exactly-once for statefun inside a DataStream program ({@link CommandProgram}): with failures
 * injected into a function and into the Flink operator before statefun, and across stop with
 * savepoint and restore at other parallelisms, every address's sum in the keyed operator after the
 * egress reaches exactly the count the source implies and never exceeds it, and the functions' own
 * state, read back by queries through a restored job, is exact too.
 */
class DataStreamExactlyOnceIT {
  private static final long COMMANDS = 4_000;
  private static final double COMMANDS_PER_SECOND = 2_000;

  /**
   * The first leg of the stop-mid-flight test: slow enough that much input is still to come while
   * the stop-with-savepoint (seconds, on a loaded machine) is under way, so the savepoint is taken
   * mid-flight.
   */
  private static final double FIRST_LEG_COMMANDS_PER_SECOND = 300;

  private static final long[] EXPECTED = CommandProgram.expectedCounts(COMMANDS);
  private static final long TOTAL = sum(EXPECTED);

  @TempDir Path dir;

  private CollectingSink<Tuple2<Integer, Long>> sums;
  private CollectingSink<Report> answers;

  @BeforeEach
  void openSinks() {
    sums = CollectingSink.open("sums");
    answers = CollectingSink.open("answers");
    CommandProgram.FAIL_AFTER_EGRESS.set(false);
    CommandProgram.FAIL_IN_FLAT_MAP.set(false);
    CommandProgram.HIGHEST_ATTEMPT.set(0);
  }

  @AfterEach
  void closeSinks() {
    sums.close();
    answers.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void failuresInTheFlinkOperatorsBeforeAndAfterStatefunLoseAndDuplicateNothing(String backend)
      throws Exception {
    String savepoint;
    try (LocalJob job = LocalJob.start(program(backend, 2, null, false), "failures")) {
      job.await(() -> progress() >= TOTAL / 4, "a quarter of the increments");
      CommandProgram.FAIL_AFTER_EGRESS.set(true);
      job.await(() -> !CommandProgram.FAIL_AFTER_EGRESS.get(), "the failure after the egress");

      long before = progress();
      job.await(
          () -> CommandProgram.HIGHEST_ATTEMPT.get() >= 1 && progress() >= before + TOTAL / 8,
          "the restarted job's progress");
      CommandProgram.FAIL_IN_FLAT_MAP.set(true);
      job.await(() -> !CommandProgram.FAIL_IN_FLAT_MAP.get(), "the flat-map failure");

      job.await(this::allSumsReached, this::describeProgress);
      savepoint = job.stopWithSavepoint(dir);
    }
    assertThat(CommandProgram.HIGHEST_ATTEMPT.get())
        .as("the job restarted twice")
        .isGreaterThanOrEqualTo(2);
    assertNoSumExceeded();
    assertQueriedCountsAreExact(backend, 2, savepoint);
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void stopMidFlightAndRestoreTwoToThreeToOne(String backend) throws Exception {
    String atTwo;
    try (LocalJob job =
        LocalJob.start(program(backend, 2, null, false, FIRST_LEG_COMMANDS_PER_SECOND), "at two")) {
      job.await(() -> progress() >= TOTAL / 3, "a third of the increments");
      atTwo = job.stopWithSavepoint(dir);
    }
    assertThat(allSumsReached()).as("stopped mid-flight").isFalse();
    String atThree;
    try (LocalJob job = LocalJob.start(program(backend, 3, atTwo, false), "at three")) {
      job.await(this::allSumsReached, this::describeProgress);
      atThree = job.stopWithSavepoint(dir);
    }
    assertNoSumExceeded();
    assertQueriedCountsAreExact(backend, 1, atThree);
  }

  private StreamExecutionEnvironment program(
      String backend, int parallelism, String savepoint, boolean queries) {
    return program(backend, parallelism, savepoint, queries, COMMANDS_PER_SECOND);
  }

  private StreamExecutionEnvironment program(
      String backend, int parallelism, String savepoint, boolean queries, double rate) {
    StreamExecutionEnvironment env = LocalJob.environment(backend, parallelism, dir, savepoint);
    CommandProgram.addTo(env, COMMANDS, rate, queries, sums, answers);
    return env;
  }

  private void assertQueriedCountsAreExact(String backend, int parallelism, String savepoint)
      throws Exception {
    try (LocalJob job = LocalJob.start(program(backend, parallelism, savepoint, true), "query")) {
      job.await(
          () -> answers.records().size() >= CommandProgram.ADDRESSES, "an answer per address");
    }
    Map<Integer, Long> answered = new HashMap<>();
    answers.records().forEach(report -> answered.put(report.address(), report.count()));
    List<String> wrong = new ArrayList<>();
    for (int address = 0; address < CommandProgram.ADDRESSES; address++) {
      if (answered.get(address) != EXPECTED[address]) {
        wrong.add(address + ": " + answered.get(address) + " (expected " + EXPECTED[address] + ")");
      }
    }
    assertThat(wrong).as("addresses whose count is short or over").isEmpty();
  }

  /** The highest sum seen per address, summed over addresses. */
  private long progress() {
    return sum(highestSums());
  }

  private String describeProgress() {
    Map<Integer, Long> highest = highestSums();
    List<String> short_ = new ArrayList<>();
    for (int address = 0; address < CommandProgram.ADDRESSES; address++) {
      if (highest.getOrDefault(address, 0L) < EXPECTED[address]) {
        short_.add(address + ": " + highest.get(address) + "/" + EXPECTED[address]);
      }
    }
    return "every address's sum; reached "
        + progress()
        + " of "
        + TOTAL
        + ", short: "
        + (short_.size() > 20 ? short_.subList(0, 20) + "…" : short_);
  }

  private boolean allSumsReached() {
    Map<Integer, Long> highest = highestSums();
    for (int address = 0; address < CommandProgram.ADDRESSES; address++) {
      if (EXPECTED[address] > 0 && highest.getOrDefault(address, 0L) < EXPECTED[address]) {
        return false;
      }
    }
    return true;
  }

  private void assertNoSumExceeded() {
    List<String> over = new ArrayList<>();
    highestSums()
        .forEach(
            (address, highest) -> {
              if (highest > EXPECTED[address]) {
                over.add(address + ": " + highest + " (expected " + EXPECTED[address] + ")");
              }
            });
    assertThat(over).as("addresses whose sum went over").isEmpty();
  }

  private Map<Integer, Long> highestSums() {
    Map<Integer, Long> highest = new HashMap<>();
    for (Tuple2<Integer, Long> sum : sums.records()) {
      highest.merge(sum.f0, sum.f1, Math::max);
    }
    return highest;
  }

  private static long sum(long[] values) {
    long sum = 0;
    for (long v : values) {
      sum += v;
    }
    return sum;
  }

  private static long sum(Map<Integer, Long> values) {
    long sum = 0;
    for (long v : values.values()) {
      sum += v;
    }
    return sum;
  }
}
