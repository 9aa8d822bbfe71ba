package io.statefun.flink.core.functions;

import static io.statefun.flink.core.functions.FunctionGroupHarness.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.flink.core.functions.TestFunctions.Cmd;
import io.statefun.flink.core.message.Message;
import io.statefun.flink.core.message.MessageSerializer;
import io.statefun.flink.core.message.PayloadSerializerKind;
import io.statefun.flink.core.message.UnreadablePayload;
import io.statefun.sdk.io.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A message whose payload could not be deserialized where it arrived (here: its class is gone)
 * reaches the operator as an {@link UnreadablePayload}, never the function: under {@code fail} the
 * task fails naming the target and the payload class; under {@code dead-letter} the payload's bytes
 * become a dead letter and processing goes on.
 */
class UnreadablePayloadTest {
  private static final String GONE = Cmd.class.getName().replace("$Cmd", "$Cmx");

  @BeforeEach
  void reset() {
    TestFunctions.reset();
  }

  /**
   * A message from {@code sender} to {@code target} whose payload's class name was changed on the
   * way, read by the network input's serializer.
   */
  private static Message unreadable(String sender, String target) throws Exception {
    MessageSerializer serializer =
        new MessageSerializer(PayloadSerializerKind.DEFAULT, new SerializerConfigImpl());
    DataOutputSerializer out = new DataOutputSerializer(128);
    serializer.serialize(
        new Message(TestFunctions.address(sender), TestFunctions.address(target), Cmd.count()),
        out);
    String written = new String(out.getCopyOfBuffer(), StandardCharsets.ISO_8859_1);
    byte[] renamed =
        written.replace(Cmd.class.getName(), GONE).getBytes(StandardCharsets.ISO_8859_1);
    Message message = serializer.deserialize(new DataInputDeserializer(renamed));
    assertThat(message.payload()).as("precondition").isInstanceOf(UnreadablePayload.class);
    return message;
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void underFailTheTaskFailsNamingTargetAndPayloadClass(String backend) throws Exception {
    try (FunctionGroupHarness h =
        FunctionGroupHarness.open(1, 0, settings("state.backend.type", backend))) {
      Message message = unreadable("sender", "a");

      assertThatThrownBy(() -> h.harness.processElement(new StreamRecord<>(message)))
          .isInstanceOf(PayloadNotReadableException.class)
          .hasMessageContaining("to " + TestFunctions.address("a"))
          .hasMessageContaining("from " + TestFunctions.address("sender"))
          .hasMessageContaining(GONE)
          .hasMessageContaining("kryo");
      assertThat(TestFunctions.INVOCATIONS).as("the function never sees it").isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void underDeadLetterTheBytesBecomeADeadLetterAndProcessingGoesOn(String backend)
      throws Exception {
    Map<String, String> deadLetter =
        settings(
            "state.backend.type",
            backend,
            "statefun.failure.policy",
            "dead-letter",
            FunctionGroupHarness.DEAD_LETTER_EGRESS,
            "bound");
    assertDeadLettered(deadLetter);
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void thePolicyIsTheTargetTypes(String backend) throws Exception {
    Map<String, String> onlyThisType =
        settings(
            "state.backend.type",
            backend,
            "statefun.failure.policy.operator-test/fn",
            "dead-letter",
            FunctionGroupHarness.DEAD_LETTER_EGRESS,
            "bound");
    assertDeadLettered(onlyThisType);
  }

  private static void assertDeadLettered(Map<String, String> settings) throws Exception {
    try (FunctionGroupHarness h = FunctionGroupHarness.open(1, 0, settings)) {
      Message message = unreadable("sender", "a");
      UnreadablePayload payload = (UnreadablePayload) message.payload();
      h.harness.processElement(new StreamRecord<>(message));
      // Round the loop too: a fed-back record is read by the same serializer.
      h.feedbackChannel().put(unreadable("sender", "b"));
      h.runMails();
      h.process("a", Cmd.count());

      assertThat(h.deadLetters()).hasSize(2);
      DeadLetter letter = h.deadLetters().get(0);
      assertThat(letter.cause()).isEqualTo(DeadLetter.Cause.PAYLOAD_NOT_READABLE);
      assertThat(letter.target()).isEqualTo(TestFunctions.address("a"));
      assertThat(letter.sender()).isEqualTo(TestFunctions.address("sender"));
      assertThat((byte[]) letter.payload()).isEqualTo(payload.bytes()).isNotEmpty();
      assertThat(letter.payloadDescription()).contains(GONE);
      assertThat(letter.exceptionClass()).isEqualTo(PayloadNotReadableException.class.getName());
      assertThat(letter.exceptionMessage()).contains(GONE);
      assertThat(h.deadLetters().get(1).target()).isEqualTo(TestFunctions.address("b"));
      assertThat(TestFunctions.described())
          .as("only the readable message reached the function")
          .containsExactly("a<-ingress:count");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void inFlightAtACheckpointItIsLoggedAndReplayedAsUnreadable(String backend) throws Exception {
    Map<String, String> deadLetter =
        settings(
            "state.backend.type",
            backend,
            "statefun.failure.policy",
            "dead-letter",
            FunctionGroupHarness.DEAD_LETTER_EGRESS,
            "bound");
    OperatorSubtaskState state;
    try (FunctionGroupHarness h = FunctionGroupHarness.open(1, 0, deadLetter)) {
      state = h.checkpoint(1, List.of(unreadable("sender", "c")));
      assertThat(h.deadLetters()).hasSize(1);
    }
    try (FunctionGroupHarness h = FunctionGroupHarness.restore(1, 0, deadLetter, state)) {
      h.runMails();
      assertThat(h.deadLetters())
          .singleElement()
          .satisfies(
              letter -> {
                assertThat(letter.cause()).isEqualTo(DeadLetter.Cause.PAYLOAD_NOT_READABLE);
                assertThat(letter.target()).isEqualTo(TestFunctions.address("c"));
                assertThat(letter.payloadDescription()).contains(GONE);
              });
      assertThat(TestFunctions.INVOCATIONS).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void anotherTypesDeadLetterPolicyDoesNotCoverThisTarget(String backend) throws Exception {
    try (FunctionGroupHarness h =
        FunctionGroupHarness.open(
            1,
            0,
            settings(
                "state.backend.type",
                backend,
                "statefun.failure.policy.operator-test/proto",
                "dead-letter",
                FunctionGroupHarness.DEAD_LETTER_EGRESS,
                "bound"))) {
      Message message = unreadable("sender", "a");
      assertThatThrownBy(() -> h.harness.processElement(new StreamRecord<>(message)))
          .isInstanceOf(PayloadNotReadableException.class);
      assertThat(h.deadLetters()).isEmpty();
    }
  }
}
