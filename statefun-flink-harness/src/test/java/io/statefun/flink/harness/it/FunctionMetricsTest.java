package io.statefun.flink.harness.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.flink.harness.CallGraph;
import io.statefun.flink.harness.HarnessJob;
import io.statefun.flink.harness.metrics.CollectingReporter;
import io.statefun.sdk.Context;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.StatefulFunction;
import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.io.IngressIdentifier;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The per-function-type metrics and the call graph of a known workload, read through a Flink metric
 * reporter and the harness's call graph after the job ended, match exactly what the workload must
 * produce.
 */
class FunctionMetricsTest {
  static final String NS = "it-fm";
  static final IngressIdentifier<Integer> NUMBERS =
      new IngressIdentifier<>(Integer.class, NS, "numbers");
  static final EgressIdentifier<String> OUT = new EgressIdentifier<>(NS, "out", String.class);
  static final FunctionType GREETER = new FunctionType(NS, "greeter");
  static final FunctionType RELAY = new FunctionType(NS, "relay");
  static final FunctionType FAILER = new FunctionType(NS, "failer");
  static final int RECORDS = 640;
  static final int FAILING_RECORD = 7;

  /** Set once the failer has thrown; the restarted attempt then passes the record. */
  static final AtomicBoolean FAILED_ONCE = new AtomicBoolean();

  /** Sends every number on to the relay; every fourth one also to itself, as a note. */
  static final class GreeterFn implements StatefulFunction {
    @Override
    public void invoke(Context context, Object input) {
      if (input instanceof Integer number) {
        context.send(RELAY, context.self().id(), number);
        if (number % 4 == 0) {
          context.send(context.self(), "note");
        }
      }
    }
  }

  static final class RelayFn implements StatefulFunction {
    @Override
    public void invoke(Context context, Object input) {
      context.send(OUT, "relayed " + input);
    }
  }

  /** Throws on {@link #FAILING_RECORD} once; tags its output with the attempt it ran in. */
  static final class FailerFn implements StatefulFunction {
    @Override
    public void invoke(Context context, Object input) {
      if (input.equals(FAILING_RECORD) && FAILED_ONCE.compareAndSet(false, true)) {
        throw new IllegalStateException("failing once on " + input);
      }
      context.send(OUT, (FAILED_ONCE.get() ? "after-restart " : "before ") + input);
    }
  }

  static final class Module implements StatefulFunctionModule, Serializable {
    private static final long serialVersionUID = 1L;
    private final FunctionType entry;

    Module(FunctionType entry) {
      this.entry = entry;
    }

    @Override
    public void configure(Map<String, String> globalConfiguration, Binder binder) {
      FunctionType target = entry;
      binder.bindIngressRouter(
          NUMBERS, (number, downstream) -> downstream.forward(target, "n-" + number % 16, number));
      binder.bindFunctionProvider(GREETER, type -> new GreeterFn());
      binder.bindFunctionProvider(RELAY, type -> new RelayFn());
      binder.bindFunctionProvider(FAILER, type -> new FailerFn());
    }
  }

  private CollectingReporter reporter;

  @BeforeEach
  void setUp() {
    reporter = CollectingReporter.create();
    ItSupport.clearSinks();
    FAILED_ONCE.set(false);
  }

  @AfterEach
  void unregisterReporter() {
    reporter.unregister();
  }

  @Test
  void aChainsInvocationsAndEdgesAreCountedExactly() throws Exception {
    String sink = ItSupport.openSink("out");
    long notes = RECORDS / 4;
    HarnessJob job =
        reporter
            .addTo(ItSupport.harness("hashmap"))
            .withModule(new Module(GREETER))
            .withGeneratedIngress(NUMBERS, RECORDS, index -> (int) index)
            .withConsumingEgress(OUT, ItSupport.into(sink))
            .startAsync();
    try {
      ItSupport.awaitRecords(job, sink, RECORDS);
      ItSupport.await(
          job,
          () ->
              reporter.functionCount(GREETER, "invocations") == RECORDS + notes
                  && reporter.functionCount(RELAY, "invocations") == RECORDS
                  && job.callGraph().messages("it-fm/relay", "egress it-fm/out") == RECORDS,
          () -> "invocations so far: " + job.callGraph());
    } finally {
      job.close();
    }

    // The job has ended: every count is final, so an over-count would show.
    CallGraph graph = job.callGraph();
    assertThat(graph.edges())
        .containsExactly(
            new CallGraph.Edge("ingress it-fm/numbers", "it-fm/greeter", RECORDS),
            new CallGraph.Edge("it-fm/greeter", "it-fm/greeter", notes),
            new CallGraph.Edge("it-fm/greeter", "it-fm/relay", RECORDS),
            new CallGraph.Edge("it-fm/relay", "egress it-fm/out", RECORDS));
    assertThat(reporter.functionCount(GREETER, "invocations")).isEqualTo(RECORDS + notes);
    assertThat(reporter.functionCount(RELAY, "invocations")).isEqualTo(RECORDS);
    assertThat(reporter.functionCount(GREETER, "failures")).isZero();
    assertThat(reporter.functionCount(RELAY, "failures")).isZero();
    assertThat(reporter.functionRegistrations(GREETER, "failures"))
        .isEqualTo(ItSupport.PARALLELISM);
    // Every 64th invocation per subtask is timed.
    assertThat(reporter.functionCount(RELAY, "invocationDurationNanos"))
        .isBetween(RECORDS / 64L - ItSupport.PARALLELISM, RECORDS / 64L);
    assertThat(reporter.functionCount(GREETER, "invocationDurationNanos"))
        .isBetween((RECORDS + notes) / 64 - ItSupport.PARALLELISM, (RECORDS + notes) / 64);
    assertThat(reporter.registrations("localQueueDepth")).isEqualTo(ItSupport.PARALLELISM);
    assertThat(reporter.gaugeSum("localQueueDepth")).isZero();
  }

  @Test
  void aFailedInvocationIsCountedAndTheRestartedAttemptCountsAnew() throws Exception {
    String sink = ItSupport.openSink("out");
    int records = 20;
    HarnessJob job =
        reporter
            .addTo(ItSupport.harness("hashmap"))
            .withConfiguration("restart-strategy.type", "fixed-delay")
            .withConfiguration("restart-strategy.fixed-delay.attempts", "1")
            .withConfiguration("restart-strategy.fixed-delay.delay", "100 ms")
            .withModule(new Module(FAILER))
            .withGeneratedIngress(NUMBERS, records, index -> (int) index)
            .withConsumingEgress(OUT, ItSupport.into(sink))
            .startAsync();
    try {
      ItSupport.await(
          job,
          () -> afterRestart(ItSupport.records(sink)).size() == records,
          () -> "output so far: " + ItSupport.records(sink));
    } finally {
      job.close();
    }
    assertThat(reporter.functionCount(FAILER, "failures")).isEqualTo(1);
    // Both attempts registered their metrics, and the first one's final counts are kept (the
    // one failure above). A subtask registers a type's metrics at its first message for the type:
    // the restarted attempt's subtasks all got one, the first attempt's other subtask only if a
    // message reached it before the failure ended the attempt.
    assertThat(reporter.functionRegistrations(FAILER, "failures"))
        .isBetween(ItSupport.PARALLELISM + 1, 2 * ItSupport.PARALLELISM);
    long firstAttempt = ItSupport.records(sink).size() - records;
    assertThat(job.callGraph().messages("it-fm/failer", "egress it-fm/out"))
        .isEqualTo(firstAttempt + records);
    // Failed invocations count as invocations, too.
    assertThat(reporter.functionCount(FAILER, "invocations")).isEqualTo(firstAttempt + 1 + records);
  }

  private static Set<String> afterRestart(List<Object> output) {
    Set<String> seen = new HashSet<>();
    for (Object record : output) {
      if (((String) record).startsWith("after-restart ")) {
        seen.add((String) record);
      }
    }
    return seen;
  }
}
