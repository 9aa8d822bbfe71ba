package io.statefun.flink.core.functions;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.flink.core.message.Message;
import io.statefun.sdk.Address;
import java.util.Map;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Errors of user code name what failed: the function type, its state. */
class FailureContextTest {
  @BeforeEach
  void reset() {
    TestFunctions.reset();
  }

  @Test
  void anInvalidStateNameIsRejectedNamingTheFunctionType() throws Exception {
    try (FunctionGroupHarness h = FunctionGroupHarness.open(1, 0, Map.of())) {
      Message message =
          new Message(
              null, new Address(TestFunctions.BAD_STATE_NAME, "x"), TestFunctions.Cmd.count());
      assertThatThrownBy(() -> h.harness.processElement(new StreamRecord<>(message)))
          .hasMessageContaining("function type " + TestFunctions.BAD_STATE_NAME)
          .hasMessageContaining("seen.count");
    }
  }
}
