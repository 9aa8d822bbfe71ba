package io.statefun.flink.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.flink.harness.HarnessJob;
import io.statefun.flink.state.Workload.Command;
import io.statefun.flink.state.Workload.CounterReport;
import io.statefun.flink.state.Workload.PeerReport;
import io.statefun.flink.state.bootstrap.SavepointBootstrap;
import io.statefun.flink.state.bootstrap.StateBootstrapFunction;
import io.statefun.sdk.annotations.Persisted;
import io.statefun.sdk.state.PersistedTable;
import io.statefun.sdk.state.PersistedValue;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A savepoint written from state entries (counters) and from bootstrap data through a bootstrap
 * function (peers) starts a job whose functions see exactly that state: values, a table, a buffer
 * in order, an expiring value within its time to live, and no value whose time to live (counted
 * from the bootstrap) has passed.
 */
class BootstrapIT {
  static final Duration TIMEOUT = Duration.ofSeconds(90);

  @TempDir Path directory;

  @BeforeEach
  void reset() {
    Workload.OUTPUT.clear();
  }

  record PeerSeed(String peer, long total, String sender, int messages) implements Serializable {}

  // #region bootstrap-function
  /** Declares the peer's states as the peer does; sets them from seeds. */
  static final class PeerBootstrap implements StateBootstrapFunction {
    @Persisted final PersistedValue<Long> total = PersistedValue.of("total", Long.class);

    @Persisted
    final PersistedTable<String, Integer> bySender =
        PersistedTable.of("by-sender", String.class, Integer.class);

    @Override
    public void bootstrap(Context context, Object data) {
      PeerSeed seed = (PeerSeed) data;
      total.set(total.getOrDefault(0L) + seed.total());
      bySender.set(seed.sender(), seed.messages());
    }
  }

  // #endregion bootstrap-function

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void aJobStartedFromABootstrappedSavepointSeesExactlyThatState(String backend) throws Exception {
    String savepoint = directory.resolve("bootstrapped").toUri().toString();
    var env = Jobs.env();
    // #region bootstrap
    SavepointBootstrap.newSavepoint(env, Jobs.MAX_PARALLELISM)
        .withStateBackend(StateBackends.of(backend))
        .withFunctions(Jobs.functions())
        .withState(
            List.of(
                new FunctionStateEntry(Workload.counter("c-1"), "count", 5),
                new FunctionStateEntry(Workload.counter("c-1"), "words", Map.of("red", 2)),
                new FunctionStateEntry(
                    Workload.counter("c-1"), "history", List.of("red", "blue", "red")),
                new FunctionStateEntry(Workload.counter("c-1"), "recent", "blue"),
                new FunctionStateEntry(Workload.counter("c-1"), "fleeting", "blue"),
                new FunctionStateEntry(Workload.counter("c-2"), "count", 7)))
        .withStateBootstrapFunctionProvider(Workload.PEER, type -> new PeerBootstrap())
        .withBootstrapData(
            env.fromData(new PeerSeed("p-1", 10, "c-1", 2), new PeerSeed("p-1", 5, "c-2", 1)),
            (seed, downstream) -> downstream.forward(Workload.PEER, seed.peer(), seed))
        .write(savepoint);
    // #endregion bootstrap
    long written = System.currentTimeMillis();

    List<Command> reports =
        List.of(new Command("c-1", null), new Command("c-2", null), new Command("p-1", null));
    try (HarnessJob job =
        Jobs.harness(backend)
            .withSavepoint(savepoint)
            .withGeneratedIngress(
                Workload.COMMANDS,
                reports.size(),
                i -> reports.get((int) i),
                // paced, so the reports come after the short time to live has passed
                1000.0 / Workload.SHORT_TTL.toMillis())
            .startAsync()) {
      job.awaitCondition(() -> Workload.OUTPUT.size() == reports.size(), TIMEOUT);
    }

    CounterReport c1 = report(CounterReport.class, "c-1");
    assertThat(c1.count()).isEqualTo(5);
    assertThat(c1.words()).isEqualTo(Map.of("red", 2));
    assertThat(c1.history()).containsExactly("red", "blue", "red");
    assertThat(c1.recent()).as("an expiring value within its time to live").isEqualTo("blue");
    assertThat(c1.readAt() - written)
        .as("precondition: read after the short time to live since the bootstrap")
        .isGreaterThanOrEqualTo(Workload.SHORT_TTL.toMillis());
    assertThat(c1.fleeting()).as("a value whose time to live has passed").isNull();

    CounterReport c2 = report(CounterReport.class, "c-2");
    assertThat(c2.count()).isEqualTo(7);
    assertThat(c2.words()).isEmpty();
    assertThat(c2.history()).isEmpty();
    assertThat(c2.recent()).isNull();

    PeerReport p1 = report(PeerReport.class, "p-1");
    assertThat(p1.total()).isEqualTo(15L);
    assertThat(p1.bySender()).isEqualTo(Map.of("c-1", 2, "c-2", 1));
  }

  @Test
  void anEntryThatDoesNotFitTheDeclaredStateFailsTheBootstrapNamingIt() {
    assertThatThrownBy(
            () -> bootstrap(new FunctionStateEntry(Workload.counter("c-1"), "visits", 1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("failed, so it is incomplete (delete it)")
        .hasMessageContaining(
            "function type sp/counter declares no state named 'visits'; declared:"
                + " [count, words, history, recent, fleeting, sent]");
    assertThatThrownBy(
            () -> bootstrap(new FunctionStateEntry(Workload.counter("c-1"), "count", "5")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(
            "state 'count' of function type sp/counter takes java.lang.Integer, but got"
                + " java.lang.String");
  }

  @Test
  void aJobWhoseMaxParallelismDiffersFromTheSavepointsDoesNotStart() throws Exception {
    String savepoint = directory.resolve("other-max-parallelism").toUri().toString();
    SavepointBootstrap.newSavepoint(Jobs.env(), 2 * Jobs.MAX_PARALLELISM)
        .withFunctions(Jobs.functions())
        .withState(List.of(new FunctionStateEntry(Workload.counter("c-1"), "count", 5)))
        .write(savepoint);
    assertThatThrownBy(
            () -> {
              try (HarnessJob job =
                  Jobs.harness("hashmap")
                      .withSavepoint(savepoint)
                      .withGeneratedIngress(Workload.COMMANDS, 1, i -> new Command("c-1", null))
                      .startAsync()) {
                job.awaitCondition(() -> false, TIMEOUT);
              }
            })
        .satisfies(
            e ->
                assertThat(ExceptionUtils.stringifyException(e))
                    .contains("Max parallelism mismatch"));
    assertThat(Workload.OUTPUT).as("no function ran").isEmpty();
  }

  private void bootstrap(FunctionStateEntry entry) throws Exception {
    String path = directory.resolve("bad-" + entry.state()).toUri().toString();
    SavepointBootstrap.newSavepoint(Jobs.env(), Jobs.MAX_PARALLELISM)
        .withFunctions(Jobs.functions())
        .withState(List.of(entry))
        .write(path);
  }

  private static <T> T report(Class<T> type, String id) {
    return Workload.OUTPUT.stream()
        .filter(type::isInstance)
        .map(type::cast)
        .filter(
            r ->
                r instanceof CounterReport
                    ? ((CounterReport) r).id().equals(id)
                    : ((PeerReport) r).id().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no report of " + id + " in " + Workload.OUTPUT));
  }
}
