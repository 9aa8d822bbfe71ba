package io.statefun.flink.core.functions;

import static io.statefun.flink.core.functions.FunctionGroupHarness.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.flink.core.functions.TestFunctions.Cmd;
import io.statefun.sdk.io.DeadLetter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A payload that cannot travel fails at the send that made it: a delayed one always, a local one
 * when local messages are serialized (as the harness does by default).
 */
class SerializationCheckTest {
  @BeforeEach
  void reset() {
    TestFunctions.reset();
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void anUnserializableDelayedPayloadFailsAtTheSendAfterCall(String backend) throws Exception {
    try (FunctionGroupHarness h =
        FunctionGroupHarness.open(1, 0, settings("state.backend.type", backend))) {
      assertThatThrownBy(() -> h.process("a", new Cmd("after-unserializable", "b", 0)))
          .isInstanceOf(FunctionInvocationException.class)
          .hasMessageContaining("sent with sendAfter")
          .hasMessageContaining(TestFunctions.HoldsAThread.class.getName());
      assertThat(h.harness.numProcessingTimeTimers()).isZero();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void anUnserializableLocalPayloadFailsAtTheSendWhenLocalMessagesAreSerialized(String backend)
      throws Exception {
    try (FunctionGroupHarness h =
        FunctionGroupHarness.open(
            1, 0, settings("state.backend.type", backend, "statefun.local.serialize", "true"))) {
      assertThatThrownBy(() -> h.process("a", new Cmd("send-unserializable", "b", 0)))
          .isInstanceOf(FunctionInvocationException.class)
          .hasMessageContaining("sent to " + TestFunctions.address("b"))
          .hasMessageContaining(TestFunctions.HoldsAThread.class.getName());
      // Serializable payloads still arrive, read back.
      h.process("a", Cmd.send("b", 1));
      assertThat(TestFunctions.described()).contains("b<-a:count");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void withoutLocalSerializationALocalPayloadIsHandedOverAsIs(String backend) throws Exception {
    try (FunctionGroupHarness h =
        FunctionGroupHarness.open(1, 0, settings("state.backend.type", backend))) {
      h.process("a", new Cmd("send-unserializable", "b", 0));
      assertThat(TestFunctions.INVOCATIONS).hasSize(2);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void underDeadLetterAnUnserializablePayloadMakesAPayloadDeadLetter(String backend)
      throws Exception {
    try (FunctionGroupHarness h =
        FunctionGroupHarness.open(
            1,
            0,
            settings(
                "state.backend.type",
                backend,
                "statefun.failure.policy",
                "dead-letter",
                FunctionGroupHarness.DEAD_LETTER_EGRESS,
                "bound"))) {
      h.process("a", new Cmd("after-unserializable", "b", 0));
      assertThat(h.deadLetters())
          .singleElement()
          .satisfies(
              letter -> {
                assertThat(letter.cause()).isEqualTo(DeadLetter.Cause.PAYLOAD);
                assertThat(letter.payload()).isEqualTo(new Cmd("after-unserializable", "b", 0));
                assertThat(letter.exceptionClass())
                    .isEqualTo(PayloadNotSerializableException.class.getName());
              });
      assertThat(h.harness.numProcessingTimeTimers()).isZero();
    }
  }
}
