package io.statefun.examples.greeter;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.flink.harness.Harness;
import io.statefun.flink.harness.HarnessJob;
import io.statefun.flink.harness.chaos.Fault;
import io.statefun.flink.harness.observe.EgressCollector;
import io.statefun.flink.harness.observe.SavedState;
import io.statefun.sdk.Address;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The greeter is exactly once under failures and a rescale, checked with the harness's kit only:
 * random visitors, a failure injected into each of two runs, a stop-with-savepoint at parallelism 2
 * and a restore at 3, then an exact comparison of every greeting and of every visitor's state with
 * what the input implies.
 */
class GreeterExactlyOnceTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(2);
  private static final int FIRST_RUN = 600;
  private static final int TOTAL = 1200;

  /**
   * Six seconds of visits per run: each run's fault fires only on an invocation after a checkpoint
   * (the second, in run 1), so the visits must outlast those checkpoints on a slow machine.
   */
  private static final double VISITS_PER_SECOND = 100;

  @TempDir Path savepoints;

  /** The visitor of the {@code index}-th visit: random, but the same on every replay. */
  static String visitorAt(long index) {
    String[] names = GreeterModule.NAMES;
    return names[new SplittableRandom(42 + index).nextInt(names.length)];
  }

  private static Harness greeter(int parallelism, long visits) {
    return new Harness() // finds GreeterModule through META-INF/services
        .withParallelism(parallelism)
        .withCheckpointInterval(Duration.ofMillis(200))
        .withGeneratedIngress(
            GreeterIO.NAMES, visits, GreeterExactlyOnceTest::visitorAt, VISITS_PER_SECOND)
        .withCollectingEgress(GreeterIO.GREETINGS);
  }

  @Test
  void everyVisitIsGreetedExactlyOnceAcrossFailuresAndARescale() throws Exception {
    List<String> greetings = new ArrayList<>();

    // Run 1, parallelism 2: a greeter invocation fails once two checkpoints have completed.
    String savepoint;
    try (HarnessJob job =
        greeter(2, FIRST_RUN)
            .withFault(Fault.inInvocationOf(GreeterFn.TYPE).afterCheckpoint(2))
            .startAsync()) {
      job.awaitRestarts(1, TIMEOUT);
      job.awaitQuiescence(TIMEOUT);
      savepoint = job.stopWithSavepoint(savepoints.toUri().toString());
      assertThat(job.restarts()).isEqualTo(1);
      assertThat(job.firedFaults()).hasSize(1);
      greetings.addAll(exactlyOnce(job.egress(GreeterIO.GREETINGS)));
    }

    // Run 2, restored at parallelism 3: the generator goes on from where run 1 stopped, and the
    // tenth formatter invocation after the first checkpoint fails.
    String last;
    try (HarnessJob job =
        greeter(3, TOTAL)
            .withSavepoint(savepoint)
            .withFault(Fault.inInvocationOf(FormatterFn.TYPE).afterCheckpoint(1).atCount(10))
            .startAsync()) {
      job.awaitRestarts(1, TIMEOUT);
      job.awaitQuiescence(TIMEOUT);
      last = job.stopWithSavepoint(savepoints.toUri().toString());
      assertThat(job.restarts()).isEqualTo(1);
      greetings.addAll(exactlyOnce(job.egress(GreeterIO.GREETINGS)));
    }

    Map<String, Integer> visits = new HashMap<>();
    List<String> expected = new ArrayList<>();
    for (long i = 0; i < TOTAL; i++) {
      String name = visitorAt(i);
      int visit = visits.merge(name, 1, Integer::sum);
      expected.add(FormatterFn.greeting(new GreetRequest(name, visit)));
    }
    assertThat(greetings).containsExactlyInAnyOrderElementsOf(expected);

    Map<Address, Integer> expectedState = new HashMap<>();
    visits.forEach((name, n) -> expectedState.put(new Address(GreeterFn.TYPE, name), n));
    assertThat(SavedState.of(last).values(GreeterFn.TYPE, "visits", Integer.class))
        .isEqualTo(expectedState);
  }

  /** The committed greetings, after checking that none was committed twice. */
  private static List<String> exactlyOnce(EgressCollector<String> greetings) {
    assertThat(greetings.duplicates()).as("greetings committed more than once").isEmpty();
    return greetings.committed();
  }
}
