package io.statefun.flink.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.flink.harness.HarnessJob;
import io.statefun.flink.state.Workload.Command;
import io.statefun.flink.state.Workload.CounterReport;
import io.statefun.flink.state.Workload.Delayed;
import io.statefun.flink.state.modify.SavepointRewriter;
import io.statefun.flink.state.read.FunctionStateReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Rewriting the counter's state (its count migrates from Integer to Long) keeps the peers' state
 * exactly and the schedulers' pending delayed messages with their timers; a second rewrite (of the
 * peers, from the first one's canonical savepoint) copies the counters' states, expiring ones
 * included. A read of the result returns the migrated counters and the unchanged peers, and a job
 * of the migrated application started from it reads the migrated count and the expiring value and
 * delivers each pending message once.
 */
class RewriteIT {
  static final int COMMANDS = RoundTripIT.COMMANDS;
  static final int IDS = RoundTripIT.IDS;
  static final int SCHEDULERS = 2;
  static final long RUN_A = COMMANDS + SCHEDULERS;

  /**
   * The schedulers' delay: their messages must still be pending when the savepoint is taken, which
   * takes seconds on a loaded machine.
   */
  static final long DELAY_MS = 20_000;

  static final Duration TIMEOUT = Duration.ofSeconds(90);

  @TempDir Path directory;

  @BeforeEach
  void reset() {
    Workload.OUTPUT.clear();
  }

  /** The round-trip commands, then the schedulers', then (in a restored job) one report. */
  static Command commandAt(long i) {
    if (i < COMMANDS) {
      return Workload.command(i, IDS);
    }
    if (i < RUN_A) {
      return new Command("s-" + (i - COMMANDS), Long.toString(DELAY_MS));
    }
    return new Command("c-1", null);
  }

  // #region migration
  /** The migration: counts become Longs, everything else stays. */
  static final class CountToLong
      implements FlatMapFunction<FunctionStateEntry, FunctionStateEntry> {
    @Override
    public void flatMap(FunctionStateEntry entry, Collector<FunctionStateEntry> out) {
      out.collect(
          entry.state().equals("count")
              ? new FunctionStateEntry(
                  entry.address(), "count", ((Integer) entry.value()).longValue())
              : entry);
    }
  }

  // #endregion migration

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"hashmap,CANONICAL", "rocksdb,NATIVE"})
  void rewritingTheCounterKeepsThePeersAndThePendingDelayedMessages(
      String backend, SavepointFormatType format) throws Exception {
    String savepoint;
    try (HarnessJob job =
        Jobs.harness(backend)
            .withGeneratedIngress(Workload.COMMANDS, RUN_A, RewriteIT::commandAt)
            .startAsync()) {
      job.awaitCondition(
          () -> RoundTripIT.acks() == COMMANDS && delayed(false) == SCHEDULERS, TIMEOUT);
      savepoint = job.stopWithSavepoint(directory.toUri().toString(), format);
    }
    assertThat(delayed(true))
        .as("precondition: no delayed message arrived before the savepoint")
        .isZero();
    Thread.sleep(Workload.SHORT_TTL.toMillis()); // every "fleeting" value has expired now

    FunctionProviders original = Jobs.functions();
    FunctionProviders migrated = FunctionProviders.of(new Workload.Module(true));
    String migratedCounters = directory.resolve("migrated-counters").toUri().toString();
    // #region rewrite
    SavepointRewriter.of(Jobs.env(), savepoint, StateBackends.of(backend))
        .rewrite(Workload.COUNTER, original, migrated, new CountToLong())
        .write(migratedCounters);
    // #endregion rewrite
    // A second rewrite, of the peers, copies the counters' states, expiring ones included.
    String rewritten = directory.resolve("rewritten").toUri().toString();
    SavepointRewriter.of(Jobs.env(), migratedCounters, StateBackends.of("hashmap"))
        .rewrite(
            Workload.PEER,
            original,
            original,
            (FunctionStateEntry e, Collector<FunctionStateEntry> out) -> out.collect(e))
        .write(rewritten);

    Set<FunctionStateEntry> expected =
        Expected.entries(COMMANDS, IDS, true).stream()
            .map(
                e ->
                    e.state().equals("count")
                        ? new FunctionStateEntry(
                            e.address(), "count", ((Integer) e.value()).longValue())
                        : e)
            .collect(Collectors.toSet());
    Set<FunctionStateEntry> read =
        new HashSet<>(
            FunctionStateReader.read(Jobs.env(), rewritten, StateBackends.of(backend), migrated)
                .list(Workload.COUNTER));
    read.addAll(
        FunctionStateReader.read(Jobs.env(), rewritten, StateBackends.of(backend), original)
            .list(Workload.PEER));
    assertThat(read).containsExactlyInAnyOrderElementsOf(expected);

    Workload.OUTPUT.clear();
    // The source's position is in the savepoint too: the restored generator goes on at RUN_A.
    try (HarnessJob job =
        Jobs.harness(backend, new Workload.Module(true))
            .withSavepoint(rewritten)
            .withGeneratedIngress(Workload.COMMANDS, RUN_A + 1, RewriteIT::commandAt)
            .startAsync()) {
      job.awaitCondition(
          () -> delayed(true) == SCHEDULERS && reports() == 1, TIMEOUT.plusMillis(DELAY_MS));
      Thread.sleep(500); // a duplicate delivery would show up by now
    }
    assertThat(delayed(true)).as("each pending delayed message arrives once").isEqualTo(SCHEDULERS);
    CounterReport report =
        Workload.OUTPUT.stream()
            .filter(r -> r instanceof CounterReport)
            .map(r -> (CounterReport) r)
            .findFirst()
            .orElseThrow();
    assertThat(report.count()).as("the migrated count of c-1").isEqualTo(COMMANDS / IDS);
    assertThat(report.history()).hasSize(COMMANDS / IDS);
    assertThat(report.recent())
        .as("an expiring value, copied with its timestamp")
        .isEqualTo(Workload.command(COMMANDS - IDS + 1, IDS).word());
  }

  static long delayed(boolean arrived) {
    return Workload.OUTPUT.stream()
        .filter(r -> r instanceof Delayed && ((Delayed) r).arrived() == arrived)
        .count();
  }

  static long reports() {
    return Workload.OUTPUT.stream().filter(r -> r instanceof CounterReport).count();
  }
}
