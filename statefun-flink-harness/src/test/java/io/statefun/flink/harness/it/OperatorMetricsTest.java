package io.statefun.flink.harness.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.flink.harness.HarnessJob;
import io.statefun.flink.harness.metrics.CollectingReporter;
import io.statefun.sdk.Context;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.StatefulFunction;
import io.statefun.sdk.io.IngressIdentifier;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The functions operator's metrics reach Flink's metric system under their names: the gauges of the
 * feedback queue, pending delayed messages and async operations in flight, and the counters
 * functions create, per subtask.
 */
class OperatorMetricsTest {
  static final String NS = "it-metrics";
  static final IngressIdentifier<Integer> STARTS =
      new IngressIdentifier<>(Integer.class, NS, "starts");
  static final FunctionType WAITER = new FunctionType(NS, "waiter");
  static final int STARTS_COUNT = 6;

  static final class WaiterFn implements StatefulFunction {
    @Override
    public void invoke(Context context, Object input) {
      if (input instanceof Integer) {
        context.metrics().counter("starts").inc();
        context.sendAfter(Duration.ofHours(1), context.self(), "later");
        context.registerAsyncOperation("never", new CompletableFuture<String>());
      }
    }
  }

  static final class Module implements StatefulFunctionModule, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public void configure(Map<String, String> globalConfiguration, Binder binder) {
      binder.bindIngressRouter(
          STARTS, (start, downstream) -> downstream.forward(WAITER, "w-" + start, start));
      binder.bindFunctionProvider(WAITER, type -> new WaiterFn());
    }
  }

  private CollectingReporter reporter;

  @BeforeEach
  void createReporter() {
    reporter = CollectingReporter.create();
  }

  @AfterEach
  void unregisterReporter() {
    reporter.unregister();
  }

  private long sumOfGauges(String name) {
    return reporter.operatorGaugeSum(name);
  }

  @Test
  void gaugesAndFunctionCountersAreReportedPerSubtask() throws Exception {
    try (HarnessJob job =
        reporter
            .addTo(ItSupport.harness("hashmap"))
            .withModule(new Module())
            .withGeneratedIngress(STARTS, STARTS_COUNT, index -> (int) index)
            .startAsync()) {
      job.awaitCondition(
          () ->
              sumOfGauges("delayedMessagesPending") == STARTS_COUNT
                  && sumOfGauges("asyncOperationsInFlight") == STARTS_COUNT
                  && reporter.sum("starts") == STARTS_COUNT,
          ItSupport.TIMEOUT);
      assertThat(reporter.registrations("feedbackQueueSize")).isEqualTo(ItSupport.PARALLELISM);
      assertThat(reporter.operatorRegistrations("delayedMessagesPending"))
          .isEqualTo(ItSupport.PARALLELISM);
      assertThat(reporter.operatorRegistrations("asyncOperationsInFlight"))
          .isEqualTo(ItSupport.PARALLELISM);
      assertThat(sumOfGauges("feedbackQueueSize")).isZero();
      job.cancel();
    }
  }
}
