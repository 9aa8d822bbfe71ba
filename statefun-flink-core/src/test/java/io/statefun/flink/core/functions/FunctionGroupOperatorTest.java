package io.statefun.flink.core.functions;

import static io.statefun.flink.core.functions.FunctionGroupHarness.MAX_PARALLELISM;
import static io.statefun.flink.core.functions.FunctionGroupHarness.settings;
import static io.statefun.flink.core.functions.TestFunctions.INVOCATIONS;
import static io.statefun.flink.core.functions.TestFunctions.address;
import static io.statefun.flink.core.functions.TestFunctions.described;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.flink.core.feedback.FeedbackChannelBroker;
import io.statefun.flink.core.functions.TestFunctions.Cmd;
import io.statefun.flink.core.functions.TestFunctions.Invocation;
import io.statefun.flink.core.message.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyGroupRange;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The function operator of one subtask in Flink's operator test harness: input, placement of sends,
 * egress side outputs, delayed messages on timers, async completions, the feedback channel, and the
 * feedback log across snapshot, restore and rescaling.
 */
class FunctionGroupOperatorTest {
  private static final Map<String, String> DEFAULTS = settings();

  @BeforeEach
  void reset() {
    TestFunctions.reset();
  }

  private static Invocation last() {
    List<Invocation> all = new ArrayList<>(INVOCATIONS);
    return all.get(all.size() - 1);
  }

  private static List<Invocation> invocationsOf(String id) {
    return INVOCATIONS.stream().filter(i -> i.self().equals(id)).collect(Collectors.toList());
  }

  private static Message message(String from, String to) {
    return new Message(address(from), address(to), Cmd.count());
  }

  @Test
  void aRoutedMessageInvokesItsTargetWithTheTargetsOwnState() throws Exception {
    try (FunctionGroupHarness h = FunctionGroupHarness.open(2, 0, DEFAULTS)) {
      String a = h.localId("a");
      String b = h.localId("b" + a);
      h.process(a, Cmd.count());
      h.process(a, Cmd.count());
      h.process(b, Cmd.count());

      assertThat(described())
          .containsExactly(a + "<-ingress:count", a + "<-ingress:count", b + "<-ingress:count");
      assertThat(invocationsOf(a)).extracting(Invocation::count).containsExactly(1, 2);
      assertThat(invocationsOf(b)).extracting(Invocation::count).containsExactly(1);
      assertThat(h.remote()).isEmpty();
    }
  }

  @Test
  void aSendToThisSubtaskIsDeliveredLocallyAndOneToAnotherGoesToTheMainOutput() throws Exception {
    try (FunctionGroupHarness h = FunctionGroupHarness.open(2, 0, DEFAULTS)) {
      String sender = h.localId("sender");
      String local = h.localId("local");
      String remote = h.remoteId("remote");

      h.process(sender, Cmd.send(local, 1));
      assertThat(described())
          .containsExactly(sender + "<-ingress:send", local + "<-" + sender + ":count");
      assertThat(h.remote()).as("a local message never leaves the operator").isEmpty();

      h.process(sender, Cmd.send(remote, 1));
      assertThat(invocationsOf(remote)).as("not invoked here").isEmpty();
      List<Message> out = h.remote();
      assertThat(out).hasSize(1);
      assertThat(out.get(0).source()).isEqualTo(address(sender));
      assertThat(out.get(0).target()).isEqualTo(address(remote));
      assertThat(out.get(0).payload()).isEqualTo(Cmd.count());
    }
  }

  @Test
  void localMessagesAreDeliveredOneBatchPerMail() throws Exception {
    try (FunctionGroupHarness h =
        FunctionGroupHarness.open(2, 0, settings("statefun.local.max-batch", "3"))) {
      String sender = h.localId("sender");
      String local = h.localId("local");

      h.process(sender, Cmd.send(local, 7));
      assertThat(invocationsOf(local)).as("one batch with the input").hasSize(3);

      assertThat(h.runMails()).as("the rest in two continuation mails of 3 and 1").isEqualTo(2);
      assertThat(invocationsOf(local))
          .extracting(Invocation::count)
          .containsExactly(1, 2, 3, 4, 5, 6, 7);
    }
  }

  @Test
  void egressRecordsGoToTheirEgresssSideOutput() throws Exception {
    try (FunctionGroupHarness h = FunctionGroupHarness.open(2, 0, DEFAULTS)) {
      String id = h.localId("emitter");
      h.process(id, Cmd.egress("first"));
      h.process(id, Cmd.egress("second"));

      assertThat(h.egress()).containsExactly("first", "second");
      assertThat(h.remote()).isEmpty();
      assertThatThrownBy(() -> h.process(id, Cmd.toUnboundEgress()))
          .isInstanceOf(FunctionInvocationException.class)
          .hasRootCauseMessage(
              address(id)
                  + " sent to egress "
                  + TestFunctions.UNBOUND_EGRESS
                  + ", which no module binds; bound: ["
                  + TestFunctions.EGRESS
                  + "]");
    }
  }

  @Test
  void aDelayedMessageIsSentWhenItsTimerFiresAndACancelledOneNever() throws Exception {
    try (FunctionGroupHarness h = FunctionGroupHarness.open(2, 0, DEFAULTS)) {
      h.harness.setProcessingTime(1_000);
      String sender = h.localId("sender");
      String kept = h.localId("kept");
      String cancelled = h.localId("cancelled");
      String remote = h.remoteId("remote");
      h.process(sender, Cmd.after(kept, 100));
      h.process(sender, Cmd.after(cancelled, 100));
      h.process(sender, Cmd.after(remote, 150));
      h.process(sender, Cmd.cancel(cancelled));
      assertThat(h.harness.numProcessingTimeTimers()).isEqualTo(2);

      h.harness.setProcessingTime(1_099);
      assertThat(invocationsOf(kept)).isEmpty();

      h.harness.setProcessingTime(1_100);
      assertThat(described()).endsWith(kept + "<-" + sender + ":count");
      assertThat(h.remote()).isEmpty();

      h.harness.setProcessingTime(2_000);
      assertThat(invocationsOf(cancelled)).isEmpty();
      assertThat(h.remote()).extracting(Message::target).containsExactly(address(remote));
      assertThat(h.harness.numProcessingTimeTimers()).isZero();
    }
  }

  @Test
  void aCompletedAsyncOperationReinvokesItsOwnerThroughTheMailbox() throws Exception {
    try (FunctionGroupHarness h = FunctionGroupHarness.open(2, 0, DEFAULTS)) {
      String owner = h.localId("owner");
      h.process(owner, Cmd.async("ok"));
      h.process(owner, Cmd.async("bad"));

      TestFunctions.FUTURES.get("ok").complete("value");
      assertThat(INVOCATIONS).as("completions wait for the mailbox").hasSize(2);
      h.runMails();
      assertThat(last().describe()).isEqualTo(owner + "<-ingress:SUCCESS:ok:value");

      TestFunctions.FUTURES
          .get("bad")
          .completeExceptionally(new CompletionException(new IllegalStateException("broken")));
      h.runMails();
      assertThat(last().describe())
          .isEqualTo(owner + "<-ingress:FAILURE:bad:java.lang.IllegalStateException: broken");
    }
  }

  @Test
  void inputWaitsAtTheAsyncLimitWhileCompletionsRun() throws Exception {
    try (FunctionGroupHarness h =
        FunctionGroupHarness.open(2, 0, settings("statefun.async.max-per-task", "1"))) {
      String owner = h.localId("owner");
      String other = h.localId("other");
      for (int i = 0; i < 5; i++) {
        h.process(owner, Cmd.count());
      }
      h.process(owner, Cmd.async("slow"));
      Thread completer =
          new Thread(
              () -> {
                try {
                  Thread.sleep(200);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                TestFunctions.FUTURES.get("slow").complete("done");
              });
      completer.start();

      h.process(other, Cmd.count());
      completer.join();

      assertThat(described())
          .endsWith(
              owner + "<-ingress:async",
              owner + "<-ingress:SUCCESS:slow:done",
              other + "<-ingress:count");
      assertThat(last().count()).as("the waiting input runs under its own key").isEqualTo(1);
    }
  }

  @Test
  void asyncOperationsInFlightAtACheckpointAreReportedUnknownOnceAfterARestore() throws Exception {
    OperatorSubtaskState first;
    String owner;
    try (FunctionGroupHarness h = FunctionGroupHarness.open(2, 0, DEFAULTS)) {
      owner = h.localId("owner");
      h.process(owner, Cmd.async("pending"));
      first = h.checkpoint(1, List.of());
    }
    TestFunctions.reset();
    OperatorSubtaskState second;
    try (FunctionGroupHarness h = FunctionGroupHarness.restore(2, 0, DEFAULTS, first)) {
      assertThat(described()).containsExactly(owner + "<-ingress:UNKNOWN:pending:null");
      second = h.checkpoint(2, List.of());
    }
    TestFunctions.reset();
    try (FunctionGroupHarness h = FunctionGroupHarness.restore(2, 0, DEFAULTS, second)) {
      assertThat(INVOCATIONS).as("reported once only").isEmpty();
    }
  }

  @Test
  void feedbackRecordsAreDeliveredThroughTheMailboxAndTheChannelEndsWithTheOperator()
      throws Exception {
    int channelsBefore = FeedbackChannelBroker.get().size();
    try (FunctionGroupHarness h = FunctionGroupHarness.open(2, 0, DEFAULTS)) {
      String from = h.remoteId("from");
      String target = h.localId("target");
      assertThat(FeedbackChannelBroker.get().size()).isEqualTo(channelsBefore + 1);

      h.feedback(from, target, Cmd.count());
      assertThat(INVOCATIONS).isEmpty();
      h.runMails();
      assertThat(described()).containsExactly(target + "<-" + from + ":count");
    }
    assertThat(FeedbackChannelBroker.get().size()).isEqualTo(channelsBefore);
  }

  @Test
  void messagesInFlightAtTheCutAreReplayedByTheRestoreAndLaterOnesAreNot() throws Exception {
    Map<String, String> oneAtATime = settings("statefun.local.max-batch", "1");
    OperatorSubtaskState state;
    String sender;
    String local;
    String fedBack;
    try (FunctionGroupHarness h = FunctionGroupHarness.open(2, 0, oneAtATime)) {
      sender = h.localId("sender");
      local = h.localId("local");
      fedBack = h.localId("fed-back");
      String from = h.remoteId("from");
      h.process(sender, Cmd.send(local, 3)); // one delivered, two queued at the cut
      state = h.checkpoint(7, List.of(message(from, fedBack)));
      assertThat(invocationsOf(local)).as("the original delivered all three").hasSize(3);
      h.feedback(from, fedBack, Cmd.count()); // after the sentinel: not part of checkpoint 7
      h.runMails();
    }
    TestFunctions.reset();
    try (FunctionGroupHarness h = FunctionGroupHarness.restore(2, 0, oneAtATime, state)) {
      h.runMails();
      assertThat(invocationsOf(local))
          .as("the two local messages pending at the cut, on the state of the cut")
          .extracting(Invocation::count)
          .containsExactly(2, 3);
      assertThat(invocationsOf(fedBack)).extracting(Invocation::count).containsExactly(1);
      assertThat(INVOCATIONS).hasSize(3);
    }
  }

  @Test
  void theFeedbackLogFollowsItsKeyGroupsWhenScalingOutAndIn() throws Exception {
    KeyGroupRange left = range(2, 0);
    KeyGroupRange right = range(2, 1);
    List<String> leftIds = List.of(idIn(left, "l1"), idIn(left, "l2"));
    List<String> rightIds = List.of(idIn(right, "r1"), idIn(right, "r2"), idIn(right, "r3"));
    List<Message> inFlight = new ArrayList<>();
    for (String id : leftIds) {
      inFlight.add(message("elsewhere", id));
    }
    for (String id : rightIds) {
      inFlight.add(message("elsewhere", id));
    }

    OperatorSubtaskState atOne;
    try (FunctionGroupHarness h = FunctionGroupHarness.open(1, 0, DEFAULTS)) {
      atOne = h.checkpoint(3, inFlight);
    }

    // Scale out 1 -> 2: each subtask replays exactly the messages of its key groups.
    List<OperatorSubtaskState> atTwo = new ArrayList<>();
    for (int subtask = 0; subtask < 2; subtask++) {
      TestFunctions.reset();
      OperatorSubtaskState share =
          AbstractStreamOperatorTestHarness.repartitionOperatorState(
              atOne, MAX_PARALLELISM, 1, 2, subtask);
      try (FunctionGroupHarness h = FunctionGroupHarness.restore(2, subtask, DEFAULTS, share)) {
        assertThat(INVOCATIONS)
            .extracting(Invocation::self)
            .containsExactlyInAnyOrderElementsOf(subtask == 0 ? leftIds : rightIds);
        atTwo.add(h.checkpoint(4, inFlight.subList(subtask == 0 ? 0 : 2, subtask == 0 ? 2 : 5)));
      }
    }

    // Scale in 2 -> 1: the one subtask replays the messages both logged.
    TestFunctions.reset();
    OperatorSubtaskState merged =
        AbstractStreamOperatorTestHarness.repartitionOperatorState(
            AbstractStreamOperatorTestHarness.repackageState(
                atTwo.toArray(new OperatorSubtaskState[0])),
            MAX_PARALLELISM,
            2,
            1,
            0);
    try (FunctionGroupHarness h = FunctionGroupHarness.restore(1, 0, DEFAULTS, merged)) {
      List<String> all = new ArrayList<>(leftIds);
      all.addAll(rightIds);
      assertThat(INVOCATIONS).extracting(Invocation::self).containsExactlyInAnyOrderElementsOf(all);
      assertThat(INVOCATIONS)
          .as("each replayed once onto the restored state: logged twice in all")
          .extracting(Invocation::count)
          .containsOnly(2);
    }
  }

  private static KeyGroupRange range(int parallelism, int subtask) {
    return KeyGroupRangeAssignment.computeKeyGroupRangeForOperatorIndex(
        MAX_PARALLELISM, parallelism, subtask);
  }

  private static String idIn(KeyGroupRange range, String prefix) {
    return FunctionGroupHarness.idWhere(range, prefix, true);
  }
}
