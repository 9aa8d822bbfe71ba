package io.statefun.flink.core.functions;

import static io.statefun.flink.core.functions.FunctionGroupHarness.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.flink.core.functions.KryoStateFunction.Profile;
import io.statefun.flink.core.functions.TestFunctions.Cmd;
import io.statefun.sdk.Address;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A state value whose Kryo class changed incompatibly since the snapshot: the heap backend reads it
 * inside Flink's restore, and the failure names the function type and the state; RocksDB reads it
 * at first access, naming them too, while other function types go on.
 */
class StateRestoreFailureTest {
  private static final String NAMED = "state 'profile' of function type " + KryoStateFunction.TYPE;

  @BeforeEach
  void reset() {
    TestFunctions.reset();
    Profile.restoreOriginal();
  }

  @AfterEach
  void restoreTheClass() {
    Profile.restoreOriginal();
  }

  private static OperatorSubtaskState snapshotWithAProfile(Map<String, String> settings)
      throws Exception {
    try (FunctionGroupHarness h = FunctionGroupHarness.open(1, 0, settings)) {
      h.process(null, new Address(KryoStateFunction.TYPE, "p"), "set");
      h.process("counter", Cmd.count());
      return h.checkpoint(1, List.of());
    } finally {
      TestFunctions.reset();
    }
  }

  @Test
  void onHashmapTheRestoreFailsNamingTheFunctionTypeAndTheState() throws Exception {
    Map<String, String> settings = settings("state.backend.type", "hashmap");
    OperatorSubtaskState state = snapshotWithAProfile(settings);
    Profile.changeIncompatibly();

    assertThatThrownBy(() -> FunctionGroupHarness.restore(1, 0, settings, state).close())
        .hasStackTraceContaining(NAMED)
        .hasStackTraceContaining("Flink state operator-test.kryo-state.profile")
        .hasStackTraceContaining("Unable to resolve reference for String with id: 2");
  }

  @Test
  void onHashmapAnUnchangedClassRestores() throws Exception {
    Map<String, String> settings = settings("state.backend.type", "hashmap");
    OperatorSubtaskState state = snapshotWithAProfile(settings);
    try (FunctionGroupHarness h = FunctionGroupHarness.restore(1, 0, settings, state)) {
      h.process(null, new Address(KryoStateFunction.TYPE, "p"), "get");
      h.process("counter", Cmd.count());
      assertThat(TestFunctions.INVOCATIONS).extracting(i -> i.count()).containsExactly(2);
    }
  }

  @Test
  void onRocksDbTheFirstAccessFailsNamingTheStateAndOtherTypesGoOn() throws Exception {
    Map<String, String> settings = settings("state.backend.type", "rocksdb");
    OperatorSubtaskState state = snapshotWithAProfile(settings);
    Profile.changeIncompatibly();

    try (FunctionGroupHarness h = FunctionGroupHarness.restore(1, 0, settings, state)) {
      h.process("counter", Cmd.count());
      assertThat(TestFunctions.INVOCATIONS).extracting(i -> i.count()).containsExactly(2);
      assertThatThrownBy(() -> h.process(null, new Address(KryoStateFunction.TYPE, "p"), "get"))
          .hasStackTraceContaining(NAMED)
          .hasStackTraceContaining("Unable to resolve reference for String with id: 2");
    }
  }
}
