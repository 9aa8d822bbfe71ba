package io.statefun.flink.core.functions;

import static io.statefun.flink.core.functions.TestFunctions.address;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.flink.core.functions.TestFunctions.Cmd;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.Meter;
import org.apache.flink.metrics.Metric;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The function operator's metrics, registered in a real Flink metric group tree of one subtask (see
 * {@link MeteredFunctionGroup}): invocations, failures, sampled latency and call-graph edges of a
 * function type, and the local queue depth.
 */
class FunctionGroupMetricsTest {
  private static final String FN = "functions.operator-test.fn.";
  private static final String FN_TO_FN = FN + "to.operator-test/fn.messages";
  private static final String FN_TO_EGRESS = FN + "toEgress.operator-test/out.messages";

  private MeteredFunctionGroup group;

  @BeforeEach
  void open() throws Exception {
    TestFunctions.reset();
    group = MeteredFunctionGroup.open(Map.of("statefun.local.max-batch", "2"));
  }

  @AfterEach
  void close() throws Exception {
    group.close();
  }

  private void process(String id, Cmd cmd) throws Exception {
    group.process(address(id), cmd);
  }

  private String idWhere(String prefix, boolean local) {
    return FunctionGroupHarness.idWhere(group.keyGroups, prefix, local);
  }

  private long count(String suffix) {
    Metric metric = group.metricEndingIn(suffix);
    if (metric instanceof Meter meter) {
      return meter.getCount();
    }
    if (metric instanceof Histogram histogram) {
      return histogram.getCount();
    }
    return ((Counter) metric).getCount();
  }

  @Test
  void invocationsEdgesAndFailuresOfAFunctionTypeAreCounted() throws Exception {
    String a = idWhere("a", true);
    String local = idWhere("local", true);
    String remote = idWhere("remote", false);

    process(a, Cmd.send(local, 5));
    // A batch of two local messages ran; three wait for the next mail.
    assertThat(group.operatorGauge("localQueueDepth")).isEqualTo(3);
    group.runMails();
    assertThat(group.operatorGauge("localQueueDepth")).isZero();
    process(a, Cmd.send(remote, 2));
    process(a, Cmd.egress("hello"));
    assertThatThrownBy(() -> process(a, new Cmd("no-such-command", "", 0)))
        .isInstanceOf(FunctionInvocationException.class);

    assertThat(count(FN + "invocations")).isEqualTo(1 + 5 + 1 + 1 + 1);
    assertThat(count(FN + "failures")).isEqualTo(1);
    assertThat(count(FN_TO_FN)).isEqualTo(5 + 2);
    assertThat(count(FN_TO_EGRESS)).isEqualTo(1);
    assertThat(group.harness.extractOutputValues()).hasSize(2);
  }

  @Test
  void everySixtyFourthInvocationIsTimed() throws Exception {
    String a = idWhere("a", true);
    for (int i = 0; i < 3 * InvocationMetrics.LATENCY_SAMPLE_EVERY - 1; i++) {
      process(a, Cmd.count());
    }
    assertThat(count(FN + "invocationDurationNanos")).isEqualTo(2);
    process(a, Cmd.count());
    assertThat(count(FN + "invocationDurationNanos")).isEqualTo(3);
    assertThat(
            ((Histogram) group.metricEndingIn(FN + "invocationDurationNanos"))
                .getStatistics()
                .getMin())
        .isPositive();
  }
}
