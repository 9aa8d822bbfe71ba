package io.statefun.flink.harness.timers;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.flink.harness.Harness;
import io.statefun.flink.harness.HarnessJob;
import io.statefun.flink.harness.timers.DelayedWorkload.Event;
import io.statefun.flink.harness.timers.DelayedWorkload.Start;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code sendAfter} and {@code cancelDelayedMessage} on a MiniCluster at parallelism 2: due order,
 * no early delivery, cancellation (same and later invocation, per-sender tokens, token reuse), and
 * the duplicate pending token error.
 */
class DelayedMessagesIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  /**
   * How much later than another a message may arrive though due earlier: the hop to another
   * subtask. Sent together, the order scenario's messages are due 400 ms apart, so any swap of two
   * of them fails.
   */
  private static final long ORDER_TOLERANCE_MS = 200;

  /** Everything the functions reported, in arrival order at the egress. */
  private static final Queue<Event> EVENTS = new ConcurrentLinkedQueue<>();

  @BeforeEach
  void reset() {
    EVENTS.clear();
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void delaysFireInDueOrderAndNeverEarly(String backend) throws Exception {
    int expected = DelayedWorkload.ORDER_DELAYS.length;
    try (HarnessJob job = harness(backend, "order", 1).startAsync()) {
      job.awaitCondition(() -> arrived().size() >= expected, TIMEOUT);
      // Long enough for a duplicate to show up.
      Thread.sleep(500);
    }
    List<Event> arrived = arrived();
    assertThat(arrived.stream().mapToLong(Event::delay).toArray())
        .as("each delayed message arrives exactly once: %s", arrived)
        .containsExactlyInAnyOrder(DelayedWorkload.ORDER_DELAYS);
    // Due order is by due time, not by delay: on a loaded machine one sendAfter of the invocation
    // may take long (the first one, with RocksDB, sets up the timer state), so the messages are not
    // all sent at the same time.
    for (int i = 0; i < arrived.size(); i++) {
      for (int j = i + 1; j < arrived.size(); j++) {
        long dueEarlier = due(arrived.get(i)) - due(arrived.get(j));
        assertThat(dueEarlier)
            .as(
                "%s arrived before %s, which was due %d ms earlier: %s",
                arrived.get(i).label(), arrived.get(j).label(), dueEarlier, arrived)
            .isLessThanOrEqualTo(ORDER_TOLERANCE_MS);
      }
    }
    for (Event e : arrived) {
      assertThat(e.at() - e.sentAt())
          .as("%s arrived %d ms after it was sent", e.label(), e.at() - e.sentAt())
          .isGreaterThanOrEqualTo(e.delay());
      assertThat(e.caller())
          .as("the caller of a delayed message is its sender")
          .isEqualTo("scheduler/order-0");
    }
    assertThat(arrived.stream().map(Event::self).collect(Collectors.toSet()))
        .as("delivered both to another address and to the sender itself")
        .containsExactlyInAnyOrder("receiver/order-0", "scheduler/order-0");
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void cancelledMessagesAreNeverDelivered(String backend) throws Exception {
    try (HarnessJob job = harness(backend, "cancel", 1).startAsync()) {
      job.awaitCondition(
          () ->
              labels("arrived").containsAll(List.of("t2", "t4-second", "other-t1"))
                  && !labels("cancelled").isEmpty(),
          TIMEOUT);
      // The control "t2" was due after "t1"; give "t1" plenty of time to (wrongly) show up.
      Thread.sleep(1_500);
    }
    assertThat(labels("cancelled")).as("the cancel message was handled").containsExactly("t1");
    assertThat(labels("arrived"))
        .as(
            "t1 cancelled in a later invocation, t3 and t4-first cancelled in the same one; the"
                + " other sender's t1 and the re-used t4 are delivered once")
        .containsExactlyInAnyOrder("t2", "t4-second", "other-t1");
    for (Event e : arrived()) {
      // t4-second is due 100 ms after the cancelled t4-first: the cancelled timer must not fire it.
      assertThat(e.at() - e.sentAt())
          .as("%s arrived %d ms after it was sent", e.label(), e.at() - e.sentAt())
          .isGreaterThanOrEqualTo(e.delay());
    }
    assertThat(only("arrived", "other-t1").caller()).isEqualTo("scheduler/cancel-0-other");
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void aSecondPendingMessageWithTheSameTokenIsRejected(String backend) throws Exception {
    try (HarnessJob job = harness(backend, "dup", 1).startAsync()) {
      job.awaitCondition(
          () -> labels("arrived").contains("third") && !labels("later").isEmpty(), TIMEOUT);
      Thread.sleep(500);
    }
    assertThat(labels("accepted")).as("the duplicate sendAfter was not accepted").isEmpty();
    assertThat(labels("error")).containsExactlyInAnyOrder("second", "negative");
    assertThat(only("error", "second").detail())
        .as("the IllegalArgumentException names the token")
        .contains("'dup'");
    assertThat(only("error", "negative").detail()).contains("negative delay");
    assertThat(labels("later")).as("the job kept processing after the error").hasSize(1);
    assertThat(labels("arrived"))
        .as(
            "the first message is delivered exactly once, the rejected one never, and the token is"
                + " free again once the first fired")
        .containsExactly("first", "third");
  }

  static Harness harness(String backend, String scenario, int starts) {
    return new Harness()
        .withParallelism(2)
        .withStateBackend(backend)
        .withServiceLoaderModules(false)
        .withModule(new DelayedWorkload.Module())
        .withGeneratedIngress(
            DelayedWorkload.STARTS, starts, index -> new Start(scenario, (int) index))
        .withConsumingEgress(DelayedWorkload.EVENTS, e -> EVENTS.add(e));
  }

  private static List<Event> of(String kind) {
    List<Event> events = new ArrayList<>();
    for (Event e : EVENTS) {
      if (e.kind().equals(kind)) {
        events.add(e);
      }
    }
    return events;
  }

  private static long due(Event delayed) {
    return delayed.sentAt() + delayed.delay();
  }

  private static List<Event> arrived() {
    return of("arrived");
  }

  private static List<String> labels(String kind) {
    return of(kind).stream().map(Event::label).collect(Collectors.toList());
  }

  private static Event only(String kind, String label) {
    List<Event> matching =
        of(kind).stream().filter(e -> e.label().equals(label)).collect(Collectors.toList());
    assertThat(matching).as("%s %s", kind, label).hasSize(1);
    return matching.get(0);
  }
}
