package io.statefun.flink.core.functions;

import static io.statefun.flink.core.functions.FunctionGroupHarness.DEAD_LETTER_EGRESS;
import static io.statefun.flink.core.functions.FunctionGroupHarness.settings;
import static io.statefun.flink.core.functions.TestFunctions.INVOCATIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.flink.core.functions.TestFunctions.Cmd;
import io.statefun.flink.core.functions.TestFunctions.FailAfter;
import io.statefun.flink.core.message.Message;
import io.statefun.sdk.Address;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.io.DeadLetter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Under the dead-letter policy an invocation that throws leaves no effect and becomes a dead
 * letter; under fail (the default) it fails the task. Each test throws after one kind of effect, on
 * both state backends.
 */
class AtomicInvocationTest {
  @BeforeEach
  void reset() {
    TestFunctions.reset();
  }

  private static Map<String, String> deadLetter(String backend) {
    Map<String, String> settings =
        settings(
            "statefun.failure.policy",
            "dead-letter",
            "state.backend.type",
            backend,
            DEAD_LETTER_EGRESS,
            "bound");
    return settings;
  }

  private static List<String> egressOf(FunctionGroupHarness h) {
    return h.egress().stream().map(String::valueOf).toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void stateWritesOfAFailedInvocationAreUndone(String backend) throws Exception {
    try (FunctionGroupHarness h = FunctionGroupHarness.open(1, 0, deadLetter(backend))) {
      h.process("a", Cmd.writeAll("x"));
      h.process("a", new FailAfter(Cmd.writeAll("x")));
      h.process("a", new FailAfter(Cmd.writeAll("y")));
      h.process("a", new FailAfter(Cmd.clearAll()));
      h.process("b", new FailAfter(Cmd.writeAll("z")));
      h.process("a", Cmd.report());
      h.process("b", Cmd.report());

      assertThat(egressOf(h)).containsExactly("1 {x=1} [x]", "0 {} []");
      assertThat(h.deadLetters()).hasSize(4);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void aFailedInvocationBecomesADeadLetterWithItsContextAndProcessingGoesOn(String backend)
      throws Exception {
    try (FunctionGroupHarness h = FunctionGroupHarness.open(1, 0, deadLetter(backend))) {
      h.harness.processElement(
          new StreamRecord<>(
              new Message(
                  TestFunctions.address("sender"),
                  TestFunctions.address("a"),
                  new FailAfter(Cmd.count()))));
      h.process("a", Cmd.count());

      DeadLetter letter = h.deadLetters().get(0);
      assertThat(letter.cause()).isEqualTo(DeadLetter.Cause.FUNCTION);
      assertThat(letter.target()).isEqualTo(TestFunctions.address("a"));
      assertThat(letter.sender()).isEqualTo(TestFunctions.address("sender"));
      assertThat(letter.payload()).isEqualTo(new FailAfter(Cmd.count()));
      assertThat(letter.exceptionClass()).isEqualTo(IllegalStateException.class.getName());
      assertThat(letter.exceptionMessage()).isEqualTo("poison after count");
      assertThat(letter.timestampMillis()).isPositive();
      assertThat(TestFunctions.described()).containsExactly("a<-ingress:count");
      assertThat(INVOCATIONS.peek().count()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void sendsAndEgressRecordsOfAFailedInvocationAreNeverReleased(String backend) throws Exception {
    try (FunctionGroupHarness h = FunctionGroupHarness.open(2, 0, deadLetter(backend))) {
      String a = h.localId("a");
      String local = h.localId("local");
      String remote = h.remoteId("remote");
      h.process(a, new FailAfter(Cmd.send(local, 2)));
      h.process(a, new FailAfter(Cmd.send(remote, 2)));
      h.process(a, new FailAfter(Cmd.egress("lost")));
      h.process(a, Cmd.send(local, 1));
      h.process(a, Cmd.send(remote, 1));
      h.process(a, Cmd.egress("kept"));

      assertThat(TestFunctions.described())
          .containsExactly(
              a + "<-ingress:send",
              local + "<-" + a + ":count",
              a + "<-ingress:send",
              a + "<-ingress:egress");
      assertThat(h.remote()).hasSize(1);
      assertThat(egressOf(h)).containsExactly("kept");
      assertThat(h.deadLetters()).hasSize(3);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void delayedMessagesAndCancellationsOfAFailedInvocationAreUndone(String backend)
      throws Exception {
    try (FunctionGroupHarness h = FunctionGroupHarness.open(1, 0, deadLetter(backend))) {
      h.harness.setProcessingTime(1_000);
      h.process("sender", Cmd.after("kept", 100));
      h.process("sender", new FailAfter(Cmd.after("never", 100)));
      h.process("sender", new FailAfter(Cmd.cancel("kept")));
      assertThat(h.harness.numProcessingTimeTimers()).isEqualTo(1);

      // The token of the undone message is free again, and the cancelled one still pending.
      h.process("sender", Cmd.after("never", 200));
      h.process("sender", Cmd.after("kept", 100));
      assertThat(h.deadLetters())
          .last()
          .satisfies(
              letter ->
                  assertThat(letter.exceptionMessage()).contains("cancellation token 'kept'"));

      h.harness.setProcessingTime(1_100);
      assertThat(TestFunctions.described()).contains("kept<-sender:count");
      h.harness.setProcessingTime(1_200);
      assertThat(TestFunctions.described()).contains("never<-sender:count");
      assertThat(TestFunctions.described().stream().filter(d -> d.startsWith("never")).count())
          .isEqualTo(1);
      assertThat(h.harness.numProcessingTimeTimers()).isZero();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void anAsyncOperationOfAFailedInvocationNeverCompletesIntoItsOwner(String backend)
      throws Exception {
    try (FunctionGroupHarness h = FunctionGroupHarness.open(1, 0, deadLetter(backend))) {
      h.process("owner", new FailAfter(Cmd.async("undone")));
      h.process("owner", Cmd.async("kept"));

      TestFunctions.FUTURES.get("undone").complete("late");
      TestFunctions.FUTURES.get("kept").complete("value");
      h.runMails();

      assertThat(TestFunctions.described())
          .containsExactly("owner<-ingress:async", "owner<-ingress:SUCCESS:kept:value");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void aMessageToAnUnboundTypeBecomesADeadLetter(String backend) throws Exception {
    try (FunctionGroupHarness h = FunctionGroupHarness.open(1, 0, deadLetter(backend))) {
      Address nowhere = new Address(new FunctionType("operator-test", "unbound"), "x");
      h.harness.processElement(new StreamRecord<>(new Message(null, nowhere, Cmd.count())));
      h.process("a", Cmd.count());

      assertThat(h.deadLetters())
          .singleElement()
          .satisfies(
              letter -> {
                assertThat(letter.cause()).isEqualTo(DeadLetter.Cause.UNKNOWN_FUNCTION_TYPE);
                assertThat(letter.target()).isEqualTo(nowhere);
              });
      assertThat(TestFunctions.described()).containsExactly("a<-ingress:count");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void underTheDefaultPolicyAFailureFailsTheTask(String backend) throws Exception {
    try (FunctionGroupHarness h =
        FunctionGroupHarness.open(1, 0, settings("state.backend.type", backend))) {
      assertThatThrownBy(() -> h.process("a", new FailAfter(Cmd.count())))
          .isInstanceOf(FunctionInvocationException.class)
          .hasMessageContaining("function " + TestFunctions.FN)
          .hasRootCauseMessage("poison after count");
      Address nowhere = new Address(new FunctionType("operator-test", "unbound"), "x");
      assertThatThrownBy(
              () ->
                  h.harness.processElement(
                      new StreamRecord<>(new Message(null, nowhere, Cmd.count()))))
          .isInstanceOf(UnknownFunctionTypeException.class);
      assertThat(h.deadLetters()).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void thePolicyIsOverriddenPerFunctionType(String backend) throws Exception {
    Map<String, String> settings = new HashMap<>();
    settings.put("state.backend.type", backend);
    settings.put("statefun.failure.policy", "dead-letter");
    settings.put(
        "statefun.failure.policy." + TestFunctions.FN.namespace() + "/" + TestFunctions.FN.name(),
        "fail");
    try (FunctionGroupHarness h = FunctionGroupHarness.open(1, 0, settings)) {
      assertThatThrownBy(() -> h.process("a", new FailAfter(Cmd.count())))
          .isInstanceOf(FunctionInvocationException.class);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void withTheDeadLetterEgressUnboundFailuresAreLoggedAndProcessingGoesOn(String backend)
      throws Exception {
    Map<String, String> settings = deadLetter(backend);
    settings.remove(DEAD_LETTER_EGRESS);
    try (FunctionGroupHarness h = FunctionGroupHarness.open(1, 0, settings)) {
      h.process("a", new FailAfter(Cmd.count()));
      h.process("a", Cmd.count());

      assertThat(h.deadLetters()).isEmpty();
      assertThat(INVOCATIONS.peek().count()).isEqualTo(1);
    }
  }
}
