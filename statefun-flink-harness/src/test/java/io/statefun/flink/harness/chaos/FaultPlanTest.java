package io.statefun.flink.harness.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.sdk.Address;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.io.IngressIdentifier;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultPlanTest {
  static final FunctionType A = new FunctionType("t", "a");
  static final FunctionType B = new FunctionType("t", "b");
  static final IngressIdentifier<String> IN = new IngressIdentifier<>(String.class, "t", "in");

  @Test
  void firesOnceAtTheNthInvocationOfItsType() {
    FaultPlan plan = new FaultPlan(List.of(Fault.inInvocationOf(A).atCount(3)));

    plan.beforeInvocation(A, new Address(A, "1"));
    plan.beforeInvocation(B, new Address(B, "1")); // another type does not count
    plan.beforeInvocation(A, new Address(A, "2"));
    assertThatThrownBy(() -> plan.beforeInvocation(A, new Address(A, "3")))
        .isInstanceOf(InjectedFailure.class)
        .hasMessageContaining("t/a/3");
    plan.beforeInvocation(A, new Address(A, "4")); // fired already: not again

    assertThat(plan.fired()).hasSize(1);
    assertThat(plan.fired().get(0).where()).isEqualTo("t/a/3");
  }

  @Test
  void aFeedbackFaultCountsOnlyMessagesToItsTypeAtTheTailAndNoInvocations() {
    FaultPlan plan = new FaultPlan(List.of(Fault.inFeedbackTo(A).atCount(2)));
    Address sender = new Address(B, "s");

    plan.beforeInvocation(A, new Address(A, "invoked-1"));
    plan.beforeFeedback(new Address(A, "looped-1"), sender, "tail (1/2)#0");
    plan.beforeFeedback(new Address(B, "other-type"), sender, "tail (1/2)#0");
    plan.beforeInvocation(A, new Address(A, "invoked-2"));
    assertThatThrownBy(
            () -> plan.beforeFeedback(new Address(A, "looped-2"), sender, "tail (2/2)#0"))
        .isInstanceOf(InjectedFailure.class)
        .hasMessageContaining("feedback loop to t/a");
    assertThat(plan.fired().get(0).where())
        .isEqualTo("loop message t/b/s -> t/a/looped-2 at tail (2/2)#0");
  }

  @Test
  void aFaultAfterACheckpointWaitsForTheCheckpointCount() {
    FaultPlan plan = new FaultPlan(List.of(Fault.inRouterOf(IN).afterCheckpoint(2)));

    // No metrics attached: the checkpoint count is unknown, so the fault is not armed.
    plan.beforeRouting(IN, "r1");
    plan.beforeRouting(IN, "r2");

    assertThat(plan.fired()).isEmpty();
  }

  @Test
  void faultsAreValidated() {
    assertThatThrownBy(() -> Fault.inInvocationOf(A).atCount(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fault.inInvocationOf(A).afterCheckpoint(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fault.inInvocationOf(null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Fault.inRouterOf(IN).afterCheckpoint(1).atCount(5).toString())
        .isEqualTo("fault in the router of t/in at count 5 after checkpoint 1");
  }
}
