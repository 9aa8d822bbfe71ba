package io.statefun.flink.harness.timers;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.flink.harness.Harness;
import io.statefun.flink.harness.HarnessJob;
import io.statefun.flink.harness.timers.AsyncWorkload.Event;
import io.statefun.flink.harness.timers.AsyncWorkload.Start;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code registerAsyncOperation} on a MiniCluster at parallelism 2: SUCCESS and FAILURE results,
 * the {@code statefun.async.max-per-task} bound, and metadata the message serializer cannot store.
 */
class AsyncOperationsIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  private static final Queue<Event> EVENTS = new ConcurrentLinkedQueue<>();

  @BeforeEach
  void reset() {
    EVENTS.clear();
    AsyncWorkload.reset();
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void successAndFailureReachTheRegisteringAddress(String backend) throws Exception {
    int addresses = 2;
    try (HarnessJob job =
        harness(backend)
            .withModule(AsyncWorkload.Module.starts())
            .withGeneratedIngress(
                AsyncWorkload.STARTS, addresses, index -> new Start("outcomes", (int) index))
            .startAsync()) {
      job.awaitCondition(() -> of("result").size() >= 4 * addresses, TIMEOUT);
      Thread.sleep(500);
    }
    List<Event> results = of("result");
    assertThat(results.stream().map(Event::label).collect(Collectors.toList()))
        .as("one result per operation")
        .containsExactlyInAnyOrder(
            "ok-0", "boom-0", "direct-0", "done-0", "ok-1", "boom-1", "direct-1", "done-1");
    for (int n = 0; n < addresses; n++) {
      String self = "outcomes-" + n;

      Event ok = only("ok-" + n);
      assertThat(ok.status()).isEqualTo("SUCCESS");
      assertThat(ok.value()).isEqualTo("value-" + n);
      assertThat(ok.throwable()).isNull();

      Event done = only("done-" + n);
      assertThat(done.status()).as("a future complete at registration").isEqualTo("SUCCESS");
      assertThat(done.value()).isEqualTo("now-" + n);

      Event boom = only("boom-" + n);
      assertThat(boom.status()).isEqualTo("FAILURE");
      assertThat(boom.value()).isNull();
      assertThat(boom.throwable()).isEqualTo("java.lang.IllegalStateException: boom");
      assertThat(boom.original())
          .as("the FAILURE carries the supplier's exception, not a CompletionException")
          .isTrue();

      Event direct = only("direct-" + n);
      assertThat(direct.status()).isEqualTo("FAILURE");
      assertThat(direct.throwable()).isEqualTo("java.lang.UnsupportedOperationException: direct");
      assertThat(direct.original()).isTrue();

      for (Event e : List.of(ok, done, boom, direct)) {
        assertThat(e.self()).as("%s is delivered to its owner", e.label()).isEqualTo(self);
        assertThat(e.callerIsNull()).as("caller() of %s", e.label()).isTrue();
        assertThat(e.sameThread())
            .as("%s is delivered on the task thread that registered it", e.label())
            .isTrue();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void inputPausesAtTheInFlightBound(String backend) throws Exception {
    int records = 20;
    int bound = 2;
    try (HarnessJob job =
        harness(backend)
            .withConfiguration("statefun.async.max-per-task", Integer.toString(bound))
            .withModule(AsyncWorkload.Module.starts())
            .withGeneratedIngress(
                AsyncWorkload.STARTS, records, index -> new Start("throttle", (int) index))
            .startAsync()) {
      job.awaitCondition(() -> of("result").size() >= records, TIMEOUT);
      Thread.sleep(300);
    }
    List<Event> results = of("result");
    assertThat(results).allSatisfy(e -> assertThat(e.status()).isEqualTo("SUCCESS"));
    assertThat(results.stream().map(Event::label).collect(Collectors.toList()))
        .as("every record's operation completed exactly once: nothing dropped")
        .containsExactlyInAnyOrderElementsOf(
            java.util.stream.IntStream.range(0, records)
                .mapToObj(i -> "work-" + i)
                .collect(Collectors.toList()));
    Map<String, AtomicInteger> max = AsyncWorkload.MAX_IN_FLIGHT;
    assertThat(max)
        .as("operations in flight per task thread, at most")
        .isNotEmpty()
        .allSatisfy((thread, most) -> assertThat(most.get()).isLessThanOrEqualTo(bound));
    assertThat(max.values().stream().mapToInt(AtomicInteger::get).max().orElse(0))
        .as("the bound was reached (so the test exercised the pause): %s", max)
        .isEqualTo(bound);
    assertThat(AsyncWorkload.IN_FLIGHT)
        .allSatisfy((thread, now) -> assertThat(now.get()).as("left in flight").isZero());
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void metadataTheRawSerializerCannotStoreIsRejected(String backend) throws Exception {
    try (HarnessJob job =
        harness(backend)
            .withConfiguration("statefun.message.serializer", "raw")
            .withModule(AsyncWorkload.Module.raw())
            .withGeneratedIngress(
                AsyncWorkload.RAW_STARTS,
                1,
                index -> "raw-metadata".getBytes(StandardCharsets.UTF_8))
            .startAsync()) {
      job.awaitCondition(() -> !of("rejected").isEmpty() && !of("result").isEmpty(), TIMEOUT);
      Thread.sleep(500);
    }
    assertThat(of("accepted")).isEmpty();
    assertThat(of("rejected")).hasSize(1);
    assertThat(of("rejected").get(0).value())
        .as("the IllegalArgumentException names the metadata class")
        .contains("java.lang.String");
    assertThat(of("result").stream().map(Event::label).collect(Collectors.toList()))
        .as("the rejected operation is not tracked; a storable one in the same invocation is")
        .containsExactly("fine");
    assertThat(only("fine").status()).isEqualTo("SUCCESS");
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void metadataKryoCannotWriteIsRejected(String backend) throws Exception {
    try (HarnessJob job =
        harness(backend)
            .withModule(AsyncWorkload.Module.starts())
            .withGeneratedIngress(
                AsyncWorkload.STARTS, 1, index -> new Start("kryo-metadata", (int) index))
            .startAsync()) {
      job.awaitCondition(
          () -> !of("rejected").isEmpty() && (!of("result").isEmpty() || of("rejected").size() > 1),
          TIMEOUT);
      Thread.sleep(500);
    }
    assertThat(of("accepted")).isEmpty();
    assertThat(of("rejected").stream().map(Event::label).collect(Collectors.toList()))
        .as(
            "only the unwritable metadata is rejected, not a String registered after it: %s",
            of("rejected"))
        .containsExactly("poison");
    assertThat(of("rejected").get(0).value())
        .as("the IllegalArgumentException names the metadata class")
        .contains(AsyncWorkload.Poison.class.getName());
    assertThat(of("result").stream().map(Event::label).collect(Collectors.toList()))
        .containsExactly("fine");
  }

  private static Harness harness(String backend) {
    return new Harness()
        .withParallelism(2)
        .withStateBackend(backend)
        .withServiceLoaderModules(false)
        .withConsumingEgress(AsyncWorkload.EVENTS, e -> EVENTS.add(e));
  }

  private static List<Event> of(String kind) {
    return EVENTS.stream().filter(e -> e.kind().equals(kind)).collect(Collectors.toList());
  }

  private static Event only(String label) {
    List<Event> matching =
        of("result").stream().filter(e -> e.label().equals(label)).collect(Collectors.toList());
    assertThat(matching).as("results of %s", label).hasSize(1);
    return matching.get(0);
  }
}
