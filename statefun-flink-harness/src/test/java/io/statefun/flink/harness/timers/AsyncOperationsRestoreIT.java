package io.statefun.flink.harness.timers;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.flink.harness.Harness;
import io.statefun.flink.harness.HarnessJob;
import io.statefun.flink.harness.metrics.CollectingReporter;
import io.statefun.flink.harness.metrics.FeedbackLogTotals;
import io.statefun.flink.harness.timers.AsyncWorkload.Event;
import io.statefun.flink.harness.timers.AsyncWorkload.Ping;
import io.statefun.flink.harness.timers.AsyncWorkload.Start;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Async operations in flight at a savepoint are reported exactly once as UNKNOWN by the restored
 * job, and never again by a later restore; operations registered by the restored job itself get
 * exactly one (real) result.
 */
class AsyncOperationsRestoreIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static final int OWNERS = 6;
  private static final int OPERATIONS = 2 * OWNERS;

  private static final Queue<Event> EVENTS = new ConcurrentLinkedQueue<>();

  /** Collects the jobs' metrics; a new one for each test. */
  private static CollectingReporter reporter;

  @TempDir Path savepoints;

  @AfterEach
  void unregisterReporter() {
    reporter.unregister();
  }

  @BeforeEach
  void reset() {
    EVENTS.clear();
    AsyncWorkload.reset();
    reporter = CollectingReporter.create();
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void operationsInFlightAtTheSavepointAreReportedUnknownExactlyOnce(String backend)
      throws Exception {
    String first;
    try (HarnessJob job = starts(backend, 2, OWNERS).startAsync()) {
      job.awaitCondition(() -> of("registered").size() == OPERATIONS, TIMEOUT);
      first = job.stopWithSavepoint(savepoints.toUri().toString());
    }
    List<String> registered = labels(of("registered"));
    List<String> expected = new ArrayList<>();
    for (int i = 1; i <= OPERATIONS; i++) {
      expected.add("op-" + i);
    }
    assertThat(registered).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(of("result")).as("no operation completed before the savepoint").isEmpty();

    // Restore at another parallelism: every operation is reported once, as UNKNOWN, to its owner.
    EVENTS.clear();
    String second;
    try (HarnessJob job = starts(backend, 3, OWNERS).withSavepoint(first).startAsync()) {
      job.awaitCondition(() -> of("result").size() >= OPERATIONS, TIMEOUT);
      Thread.sleep(1_000);
      second = job.stopWithSavepoint(savepoints.toUri().toString());
    }
    List<Event> results = of("result");
    assertThat(labels(results))
        .as("UNKNOWN results of the restored job: each registered operation exactly once")
        .containsExactlyInAnyOrderElementsOf(expected);
    for (Event e : results) {
      assertThat(e.status()).as("status of %s", e.label()).isEqualTo("UNKNOWN");
      assertThat(e.value()).isNull();
      assertThat(e.throwable()).isNull();
      assertThat(e.callerIsNull()).isTrue();
      int op = Integer.parseInt(e.label().substring("op-".length()));
      assertThat(e.self())
          .as("%s is reported to the address that registered it", e.label())
          .isEqualTo("unknown-" + ((op - 1) / 2));
    }

    // Restore again: UNKNOWN is not reported a second time. Probes (start records the larger
    // count lets the restored generator emit) reach every owner after its subtask has opened.
    EVENTS.clear();
    try (HarnessJob job = starts(backend, 2, 2 * OWNERS).withSavepoint(second).startAsync()) {
      job.awaitCondition(() -> of("probe").size() >= OWNERS, TIMEOUT);
      Thread.sleep(300);
    }
    assertThat(of("result")).as("results after a second restore").isEmpty();
  }

  /**
   * A ping-pong between two subtasks always has a ping crossing the checkpoint's cut; the restore
   * replays it, and the replayed invocation registers a new operation. That operation belongs to
   * the restored job: it must get its SUCCESS, and must not also be reported UNKNOWN.
   */
  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void anOperationRegisteredByAReplayedMessageIsNotReportedUnknown(String backend)
      throws Exception {
    FeedbackLogTotals log = new FeedbackLogTotals(reporter);
    String savepoint;
    try (HarnessJob job = pings(backend).startAsync()) {
      job.awaitCondition(() -> of("result").size() >= 200 && log.commits() >= 2, TIMEOUT);
      savepoint = job.stopWithSavepoint(savepoints.toUri().toString());
    }
    EVENTS.clear();
    try (HarnessJob job = pings(backend).withSavepoint(savepoint).startAsync()) {
      // However many operations were in flight at the savepoint (each reported UNKNOWN), run on
      // until the restored job's own operations complete too.
      job.awaitCondition(
          () ->
              of("result").size() >= 200
                  && of("result").stream().anyMatch(e -> "SUCCESS".equals(e.status())),
          TIMEOUT);
    }
    assertThat(log.replayedRecords())
        .as("precondition: the restore replayed the ping in flight at the savepoint")
        .isPositive();
    Map<String, List<String>> statuses =
        of("result").stream()
            .collect(
                Collectors.groupingBy(
                    Event::label, Collectors.mapping(Event::status, Collectors.toList())));
    Map<String, List<String>> repeated =
        statuses.entrySet().stream()
            .filter(e -> e.getValue().size() > 1)
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    assertThat(repeated)
        .as("operations of the restored job that got more than one result")
        .isEmpty();
    long lastUnknown =
        statuses.entrySet().stream()
            .filter(e -> e.getValue().contains("UNKNOWN"))
            .mapToLong(e -> hop(e.getKey()))
            .max()
            .orElse(-1);
    long firstSuccess =
        statuses.entrySet().stream()
            .filter(e -> e.getValue().contains("SUCCESS"))
            .mapToLong(e -> hop(e.getKey()))
            .min()
            .orElseThrow();
    assertThat(lastUnknown)
        .as(
            "UNKNOWN only for operations of the old job, SUCCESS only for those of the restored"
                + " job; first SUCCESS at hop %d",
            firstSuccess)
        .isLessThan(firstSuccess);
  }

  private static long hop(String label) {
    return Long.parseLong(label.substring("hop-".length()));
  }

  private static Harness harness(String backend, int parallelism) {
    return reporter
        .addTo(new Harness())
        .withParallelism(parallelism)
        .withStateBackend(backend)
        .withCheckpointInterval(Duration.ofMillis(200))
        .withServiceLoaderModules(false)
        .withConsumingEgress(AsyncWorkload.EVENTS, e -> EVENTS.add(e));
  }

  /** Start records 0 … OWNERS-1 register; later ones are probes to the same owners. */
  private static Harness starts(String backend, int parallelism, long count) {
    return harness(backend, parallelism)
        .withModule(AsyncWorkload.Module.starts())
        .withGeneratedIngress(
            AsyncWorkload.STARTS,
            count,
            index ->
                index < OWNERS
                    ? new Start("unknown", (int) index)
                    : new Start("probe", (int) (index - OWNERS)));
  }

  private static Harness pings(String backend) {
    return harness(backend, 2)
        .withModule(AsyncWorkload.Module.pings())
        .withGeneratedIngress(AsyncWorkload.PINGS, 1, index -> new Ping(0));
  }

  private static List<Event> of(String kind) {
    return EVENTS.stream().filter(e -> e.kind().equals(kind)).collect(Collectors.toList());
  }

  private static List<String> labels(List<Event> events) {
    return events.stream().map(Event::label).collect(Collectors.toList());
  }
}
