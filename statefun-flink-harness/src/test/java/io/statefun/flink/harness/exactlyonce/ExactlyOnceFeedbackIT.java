package io.statefun.flink.harness.exactlyonce;

import static io.statefun.flink.harness.exactlyonce.CommandWorkload.ADDRESSES;
import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.flink.harness.Harness;
import io.statefun.flink.harness.HarnessJob;
import io.statefun.flink.harness.exactlyonce.CommandWorkload.Query;
import io.statefun.flink.harness.exactlyonce.CommandWorkload.Report;
import io.statefun.flink.harness.metrics.CollectingReporter;
import io.statefun.flink.harness.metrics.FeedbackLogTotals;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Exactly-once across the feedback loop: a replayable command workload keeps messages circulating
 * between addresses while failures are injected or the job is stopped with a savepoint and
 * rescaled. Afterwards every address is queried through a restored job, and its count must equal
 * exactly the count the ingress implies.
 */
class ExactlyOnceFeedbackIT {
  private static final long COMMANDS = 6_000;
  private static final double COMMANDS_PER_SECOND = 2_000;

  /**
   * The failure test's rate: its second failure is injected in the commands router, so commands
   * must still be coming after the first failure, its restart and three more checkpoints, however
   * slow the machine.
   */
  private static final double FAILURE_TEST_COMMANDS_PER_SECOND = 1_000;

  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static final long[] EXPECTED = CommandWorkload.expectedCounts(COMMANDS);

  /** The highest count each address reported while applying commands. */
  private static final Map<Integer, Long> HIGHEST = new ConcurrentHashMap<>();

  /** Each address's answer to the final query. */
  private static final Map<Integer, Long> ANSWERS = new ConcurrentHashMap<>();

  /** Collects the jobs' metrics; a new one for each test. */
  static CollectingReporter reporter;

  @TempDir Path savepoints;

  @AfterEach
  void unregisterReporter() {
    reporter.unregister();
  }

  @BeforeEach
  void reset() {
    HIGHEST.clear();
    ANSWERS.clear();
    CommandWorkload.FAIL_IN_FUNCTION.set(false);
    CommandWorkload.FAIL_IN_ROUTER.set(false);
    reporter = CollectingReporter.create();
    CommandWorkload.APPLIED.clear();
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void failuresWhileTheLoopIsBusyLoseAndDuplicateNothing(String backend) throws Exception {
    FeedbackLogTotals log = new FeedbackLogTotals(reporter);
    List<String> failures = new ArrayList<>();
    String savepoint;
    try (HarnessJob job = harness(backend, 2, 0, FAILURE_TEST_COMMANDS_PER_SECOND).startAsync()) {
      // Failure 1: a function throws once, after checkpoints with logged feedback completed.
      job.awaitCondition(() -> log.commits() >= 3 && log.records() > 0, TIMEOUT);
      CommandWorkload.FAIL_IN_FUNCTION.set(true);
      job.awaitCondition(() -> !CommandWorkload.FAIL_IN_FUNCTION.get(), TIMEOUT);
      failures.add("function failure after " + describe(log));

      // Failure 2: the ingress task fails while messages keep circulating.
      long commitsBefore = log.commits();
      job.awaitCondition(() -> log.commits() >= commitsBefore + 3, TIMEOUT);
      CommandWorkload.FAIL_IN_ROUTER.set(true);
      job.awaitCondition(() -> !CommandWorkload.FAIL_IN_ROUTER.get(), TIMEOUT);
      failures.add("router failure after " + describe(log));

      job.awaitCondition(ExactlyOnceFeedbackIT::allReachedExpected, TIMEOUT);
      savepoint = job.stopWithSavepoint(savepoints.toUri().toString());
    }
    System.out.println("[" + backend + "] " + failures + "; replayed " + log.replayedRecords());
    assertThat(log.replayedRecords())
        .as("restores replayed logged in-flight feedback records")
        .isPositive();
    assertNoAddressExceeded();
    assertNoCommandAppliedTwiceInOneAttempt();
    assertQueriedCountsAreExact(backend, 2, savepoint);
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void stopMidFlightAndRescaleTwoToThreeToOne(String backend) throws Exception {
    FeedbackLogTotals log = new FeedbackLogTotals(reporter);
    long total = sum(EXPECTED);
    String atTwo;
    try (HarnessJob job = harness(backend, 2, 0).startAsync()) {
      job.awaitCondition(() -> sum(HIGHEST) >= total / 3 && log.commits() >= 2, TIMEOUT);
      atTwo = job.stopWithSavepoint(savepoints.toUri().toString());
    }
    long loggedAtStop = log.records();
    String atThree;
    try (HarnessJob job = harness(backend, 3, 0).withSavepoint(atTwo).startAsync()) {
      job.awaitCondition(ExactlyOnceFeedbackIT::allReachedExpected, TIMEOUT);
      atThree = job.stopWithSavepoint(savepoints.toUri().toString());
    }
    System.out.println(
        "[" + backend + "] logged " + loggedAtStop + ", replayed " + log.replayedRecords());
    assertThat(log.replayedRecords())
        .as("the savepoint taken mid-flight carried in-flight feedback records")
        .isPositive();
    assertNoAddressExceeded();
    assertQueriedCountsAreExact(backend, 1, atThree);
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap"})
  void aLogBeyondItsMemoryBudgetSpillsAndReplaysEverything(String backend) throws Exception {
    FeedbackLogTotals log = new FeedbackLogTotals(reporter);
    long total = sum(EXPECTED);
    String midFlight;
    try (HarnessJob job =
        harness(backend, 2, 0)
            .withConfiguration("statefun.feedback.memory.size", "0b")
            .startAsync()) {
      job.awaitCondition(() -> sum(HIGHEST) >= total / 2 && log.spilledBytes() > 0, TIMEOUT);
      midFlight = job.stopWithSavepoint(savepoints.toUri().toString());
    }
    String done;
    try (HarnessJob job = harness(backend, 2, 0).withSavepoint(midFlight).startAsync()) {
      job.awaitCondition(ExactlyOnceFeedbackIT::allReachedExpected, TIMEOUT);
      done = job.stopWithSavepoint(savepoints.toUri().toString());
    }
    System.out.println(
        "spilled " + log.spilledBytes() + " bytes, replayed " + log.replayedRecords());
    assertThat(log.spilledBytes()).isPositive();
    assertThat(log.replayedRecords()).isPositive();
    assertNoAddressExceeded();
    assertQueriedCountsAreExact(backend, 2, done);
  }

  /** Settings a variant of this suite runs every job with. */
  Map<String, String> variantSettings() {
    return Map.of();
  }

  private Harness harness(String backend, int parallelism, long queries) {
    return harness(backend, parallelism, queries, COMMANDS_PER_SECOND);
  }

  private Harness harness(String backend, int parallelism, long queries, double commandsPerSecond) {
    Harness harness = new Harness();
    variantSettings().forEach(harness::withConfiguration);
    return reporter
        .addTo(harness)
        .withParallelism(parallelism)
        .withStateBackend(backend)
        .withCheckpointInterval(Duration.ofMillis(200))
        .withServiceLoaderModules(false)
        .withModule(new CommandWorkload.Module())
        .withConfiguration("restart-strategy.type", "fixed-delay")
        .withConfiguration("restart-strategy.fixed-delay.attempts", "10")
        .withConfiguration("restart-strategy.fixed-delay.delay", "100 ms")
        .withGeneratedIngress(
            CommandWorkload.COMMANDS, COMMANDS, CommandWorkload::commandAt, commandsPerSecond)
        .withGeneratedIngress(CommandWorkload.QUERIES, queries, index -> new Query((int) index))
        .withGeneratedIngress(CommandWorkload.PINGS, 1, index -> new CommandWorkload.Ping(0))
        .withConsumingEgress(CommandWorkload.REPORTS, ExactlyOnceFeedbackIT::record);
  }

  private static void record(Report report) {
    if (report.answer()) {
      ANSWERS.put(report.address(), report.count());
    } else {
      HIGHEST.merge(report.address(), report.count(), Math::max);
    }
  }

  /** Restores the final savepoint, queries every address and compares with the ingress log. */
  private void assertQueriedCountsAreExact(String backend, int parallelism, String savepoint)
      throws Exception {
    try (HarnessJob job =
        harness(backend, parallelism, ADDRESSES).withSavepoint(savepoint).startAsync()) {
      job.awaitCondition(() -> ANSWERS.size() == ADDRESSES, TIMEOUT);
    }
    List<String> wrong = new ArrayList<>();
    for (int address = 0; address < ADDRESSES; address++) {
      long answer = ANSWERS.get(address);
      if (answer != EXPECTED[address]) {
        wrong.add(address + ": " + answer + " (expected " + EXPECTED[address] + ")");
      }
    }
    assertThat(wrong).as("addresses whose count is short or over").isEmpty();
  }

  /**
   * Within one attempt (between restores) each command must be applied at most once; across
   * attempts a command may be applied again only because its first application was rolled back.
   */
  private static void assertNoCommandAppliedTwiceInOneAttempt() {
    Map<String, Long> applications = new java.util.HashMap<>();
    for (String application : CommandWorkload.APPLIED) {
      applications.merge(application, 1L, Long::sum);
    }
    assertThat(
            applications.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey))
        .as("(attempt, command) applied more than once")
        .isEmpty();
  }

  private static void assertNoAddressExceeded() {
    HIGHEST.forEach(
        (address, highest) ->
            assertThat(highest)
                .as("highest count reported by address %s", address)
                .isLessThanOrEqualTo(EXPECTED[address]));
  }

  private static boolean allReachedExpected() {
    for (int address = 0; address < ADDRESSES; address++) {
      if (EXPECTED[address] > 0 && HIGHEST.getOrDefault(address, 0L) < EXPECTED[address]) {
        return false;
      }
    }
    return true;
  }

  private static String describe(FeedbackLogTotals log) {
    return log.commits()
        + " logged checkpoints ("
        + log.records()
        + " records logged, at most "
        + log.maxRecordsPerCheckpoint()
        + " in one)";
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
