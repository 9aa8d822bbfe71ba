package io.statefun.flink.harness.timers;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.flink.harness.Harness;
import io.statefun.flink.harness.HarnessJob;
import io.statefun.flink.harness.timers.DelayedWorkload.Event;
import io.statefun.flink.harness.timers.DelayedWorkload.Start;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pending delayed messages are part of the sender's state: a message scheduled before a
 * stop-with-savepoint is delivered exactly once (and not early) by the job restored at another
 * parallelism; a message cancelled before the savepoint stays cancelled.
 */
class DelayedMessagesRestoreIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static final int SENDERS = 6;

  private static final Queue<Event> EVENTS = new ConcurrentLinkedQueue<>();

  @TempDir Path savepoints;

  @BeforeEach
  void reset() {
    EVENTS.clear();
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void pendingMessagesSurviveAStopWithSavepointAndRescale(String backend) throws Exception {
    String savepoint;
    long stopped;
    try (HarnessJob job = harness(backend, 2, SENDERS).startAsync()) {
      job.awaitCondition(() -> count("cancelled") == SENDERS, TIMEOUT);
      savepoint = job.stopWithSavepoint(savepoints.toUri().toString());
      stopped = System.currentTimeMillis();
    }
    List<Event> scheduled = new ArrayList<>(EVENTS);
    long firstSent = scheduled.stream().mapToLong(Event::at).min().orElseThrow();
    assertThat(stopped - firstSent)
        .as("precondition: the savepoint was taken before any message was due")
        .isLessThan(DelayedWorkload.SURVIVE_DELAY);
    assertThat(labels()).as("nothing was delivered before the savepoint").isEmpty();

    // The larger count makes the restored generator emit one more start per sender, which cancels
    // the sender's "late" message (scheduled before the savepoint) and re-uses its token.
    try (HarnessJob job = harness(backend, 3, 2 * SENDERS).withSavepoint(savepoint).startAsync()) {
      job.awaitCondition(() -> labels().size() >= 3 * SENDERS, TIMEOUT);
      // Cancelled messages were due at the same time as the kept ones: wait past that.
      Thread.sleep(1_500);
    }
    List<String> expected = new ArrayList<>();
    for (int n = 0; n < SENDERS; n++) {
      expected.add("keep-" + n);
      expected.add("self-" + n);
      expected.add("late-again-" + n);
    }
    assertThat(EVENTS.stream().filter(e -> e.kind().equals("error")).map(Event::detail))
        .as("cancelling a restored pending message frees its token")
        .isEmpty();
    assertThat(labels())
        .as(
            "each pending message is delivered exactly once after the restore; cancelled ones never")
        .containsExactlyInAnyOrderElementsOf(expected);
    for (Event e : EVENTS) {
      if (e.kind().equals("arrived")) {
        assertThat(e.at() - e.sentAt())
            .as("%s arrived %d ms after it was sent", e.label(), e.at() - e.sentAt())
            .isGreaterThanOrEqualTo(e.delay());
        String sender = "scheduler/survive-" + e.label().substring(e.label().lastIndexOf('-') + 1);
        assertThat(e.caller()).as("the caller of %s", e.label()).isEqualTo(sender);
      }
    }
  }

  /** Start records 0 … SENDERS-1 schedule; later ones cancel their sender's "late" message. */
  private Harness harness(String backend, int parallelism, long starts) {
    return new Harness()
        .withParallelism(parallelism)
        .withStateBackend(backend)
        .withCheckpointInterval(Duration.ofMillis(200))
        .withServiceLoaderModules(false)
        .withModule(new DelayedWorkload.Module())
        .withGeneratedIngress(
            DelayedWorkload.STARTS,
            starts,
            index ->
                index < SENDERS
                    ? new Start("survive", (int) index)
                    : new Start("survive-cancel", (int) (index - SENDERS)))
        .withConsumingEgress(DelayedWorkload.EVENTS, e -> EVENTS.add(e));
  }

  private static long count(String kind) {
    return EVENTS.stream().filter(e -> e.kind().equals(kind)).count();
  }

  private static List<String> labels() {
    return EVENTS.stream()
        .filter(e -> e.kind().equals("arrived"))
        .map(Event::label)
        .collect(Collectors.toList());
  }
}
