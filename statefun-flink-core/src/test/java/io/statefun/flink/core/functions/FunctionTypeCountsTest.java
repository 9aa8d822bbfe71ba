package io.statefun.flink.core.functions;

import static io.statefun.flink.core.functions.TestFunctions.FN;
import static io.statefun.flink.core.functions.TestFunctions.OTHER;
import static io.statefun.flink.core.functions.TestFunctions.described;
import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.flink.core.functions.TestFunctions.Cmd;
import io.statefun.flink.core.functions.TestFunctions.FailAfter;
import io.statefun.flink.core.message.Message;
import io.statefun.sdk.Address;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the function operator counts per function type (delayed messages pending, async operations
 * in flight, dead letters; each owned by the sending or registering type) and per subtask (messages
 * accepted and finished), read from a real metric registry, also after a restore.
 */
class FunctionTypeCountsTest {
  private static final String DELAYED = DelayedMessages.PENDING_METRIC;
  private static final String ASYNC = AsyncOperations.IN_FLIGHT_METRIC;

  @BeforeEach
  void reset() {
    TestFunctions.reset();
  }

  @Test
  void delayedMessagesArePendingForTheirSendersTypeAlsoAfterARestore() throws Exception {
    OperatorSubtaskState state;
    try (MeteredFunctionGroup g = MeteredFunctionGroup.open(Map.of())) {
      g.harness.setProcessingTime(1_000);
      Address fn = g.address(FN, "fn", true);
      Address other = g.address(OTHER, "other", true);
      g.process(fn, Cmd.after("a", 100));
      g.process(fn, Cmd.after("b", 100));
      g.process(fn, Cmd.after("c", 500));
      g.process(fn, Cmd.cancel("b"));
      g.process(other, Cmd.after("a", 100));
      g.process(other, Cmd.after("d", 500));
      g.process(other, Cmd.after("e", 500));

      assertThat(g.typeGauge(FN, DELAYED)).isEqualTo(2);
      assertThat(g.typeGauge(OTHER, DELAYED)).isEqualTo(3);
      assertThat(g.operatorGauge(DELAYED)).isEqualTo(5);

      g.harness.setProcessingTime(1_100);
      assertThat(g.typeGauge(FN, DELAYED)).isEqualTo(1);
      assertThat(g.typeGauge(OTHER, DELAYED)).isEqualTo(2);
      state = g.checkpoint(1, List.of());
    }

    TestFunctions.reset();
    try (MeteredFunctionGroup g = MeteredFunctionGroup.restore(Map.of(), state)) {
      // Recounted from the restored timers, before any function of either type ran.
      assertThat(TestFunctions.INVOCATIONS).isEmpty();
      assertThat(g.typeGauge(FN, DELAYED)).isEqualTo(1);
      assertThat(g.typeGauge(OTHER, DELAYED)).isEqualTo(2);
      assertThat(g.operatorGauge(DELAYED)).isEqualTo(3);

      g.harness.setProcessingTime(2_000);
      assertThat(g.typeGauge(FN, DELAYED)).isZero();
      assertThat(g.typeGauge(OTHER, DELAYED)).isZero();
      assertThat(g.operatorGauge(DELAYED)).isZero();
    }
  }

  @Test
  void asyncOperationsAreInFlightForTheirOwnersType() throws Exception {
    OperatorSubtaskState state;
    try (MeteredFunctionGroup g = MeteredFunctionGroup.open(Map.of())) {
      Address fn = g.address(FN, "fn", true);
      Address other = g.address(OTHER, "other", true);
      g.process(fn, Cmd.async("f1"));
      g.process(fn, Cmd.async("f2"));
      g.process(other, Cmd.async("o1"));
      assertThat(g.typeGauge(FN, ASYNC)).isEqualTo(2);
      assertThat(g.typeGauge(OTHER, ASYNC)).isEqualTo(1);

      TestFunctions.FUTURES.get("f1").complete("done");
      g.runMails();
      assertThat(g.typeGauge(FN, ASYNC)).isEqualTo(1);
      assertThat(g.typeGauge(OTHER, ASYNC)).isEqualTo(1);
      assertThat(g.operatorGauge(ASYNC)).isEqualTo(2);
      state = g.checkpoint(1, List.of());
    }

    TestFunctions.reset();
    try (MeteredFunctionGroup g = MeteredFunctionGroup.restore(Map.of(), state)) {
      // Reported UNKNOWN while the operator opened: nothing of this attempt is in flight.
      assertThat(described()).hasSize(2).allMatch(d -> d.contains(":UNKNOWN:"));
      assertThat(g.operatorGauge(ASYNC)).isZero();
      g.process(g.address(OTHER, "other", true), Cmd.async("o2"));
      assertThat(g.typeGauge(OTHER, ASYNC)).isEqualTo(1);
    }
  }

  @Test
  void deadLettersAreCountedPerTypeAndUndoneEffectsAreNotPendingOrInFlight() throws Exception {
    try (MeteredFunctionGroup g =
        MeteredFunctionGroup.open(Map.of("statefun.failure.policy", "dead-letter"))) {
      Address fn = g.address(FN, "fn", true);
      Address other = g.address(OTHER, "other", true);
      g.process(fn, Cmd.fail());
      g.process(fn, Cmd.fail());
      g.process(fn, Cmd.after("kept", 1_000));
      g.process(other, new FailAfter(Cmd.after("undone", 1_000)));
      g.process(other, new FailAfter(Cmd.async("undone")));

      assertThat(g.typeCounter(FN, InvocationMetrics.DEAD_LETTERS)).isEqualTo(2);
      assertThat(g.typeCounter(OTHER, InvocationMetrics.DEAD_LETTERS)).isEqualTo(2);
      assertThat(g.operatorCounter("deadLetters")).isEqualTo(4);
      assertThat(g.typeGauge(FN, DELAYED)).isEqualTo(1);
      assertThat(g.typeGauge(OTHER, DELAYED)).isZero();
      assertThat(g.typeGauge(OTHER, ASYNC)).isZero();
      assertThat(g.operatorGauge(DELAYED)).isEqualTo(1);
      assertThat(g.operatorGauge(ASYNC)).isZero();
    }
  }

  @Test
  void everyMessageIsAcceptedOnceAndFinishedOnceItsInvocationEnded() throws Exception {
    OperatorSubtaskState state;
    Address fedBack;
    Address elsewhere;
    try (MeteredFunctionGroup g =
        MeteredFunctionGroup.open(Map.of("statefun.local.max-batch", "2"))) {
      g.harness.setProcessingTime(1_000);
      Address a = g.address(FN, "a", true);
      String local = g.address(FN, "local", true).id();
      String remote = g.address(FN, "remote", false).id();
      elsewhere = g.address(FN, "elsewhere", false);

      // The input and five local messages; one batch of two ran, three wait for a mail.
      g.process(a, Cmd.send(local, 5));
      assertCounts(g, 6, 3);
      g.runMails();
      assertCounts(g, 6, 6);

      // Remote messages are accepted by their sender and finished by their receiver.
      g.process(a, Cmd.send(remote, 2));
      assertCounts(g, 9, 7);
      g.feedbackChannel().put(new Message(elsewhere, a, Cmd.count()));
      assertCounts(g, 9, 7);
      g.runMails();
      assertCounts(g, 9, 8);

      // A delayed message is accepted when it fires, an async completion when it is delivered.
      g.process(a, Cmd.after(local, 100));
      assertCounts(g, 10, 9);
      g.harness.setProcessingTime(1_100);
      assertCounts(g, 11, 10);
      g.process(a, Cmd.async("m"));
      TestFunctions.FUTURES.get("m").complete("done");
      assertCounts(g, 12, 11);
      g.runMails();
      assertCounts(g, 13, 12);

      fedBack = g.address(FN, "fed-back", true);
      state = g.checkpoint(1, List.of(new Message(elsewhere, fedBack, Cmd.count())));
      assertCounts(g, 13, 13);
    }

    // The restored attempt accepts (and finishes) the logged feedback record again.
    TestFunctions.reset();
    try (MeteredFunctionGroup g = MeteredFunctionGroup.restore(Map.of(), state)) {
      assertThat(described()).containsExactly(fedBack.id() + "<-" + elsewhere.id() + ":count");
      assertCounts(g, 1, 1);
    }
  }

  private static void assertCounts(MeteredFunctionGroup g, long accepted, long finished) {
    assertThat(g.operatorGauge(MessageCounts.ACCEPTED)).as("accepted").isEqualTo(accepted);
    assertThat(g.operatorGauge(MessageCounts.FINISHED)).as("finished").isEqualTo(finished);
  }
}
