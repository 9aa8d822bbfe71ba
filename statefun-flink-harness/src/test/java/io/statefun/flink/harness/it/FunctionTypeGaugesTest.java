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
 * Delayed messages pending, async operations in flight and dead letters reach Flink's metric system
 * per function type, in each type's group, next to the operator's totals. Two types share each
 * start record: one keeps everything it schedules; the other cancels half of it, and under the
 * dead-letter policy half of its invocations fail, which undoes what they scheduled.
 */
class FunctionTypeGaugesTest {
  static final String NS = "it-type-gauges";
  static final IngressIdentifier<Integer> STARTS =
      new IngressIdentifier<>(Integer.class, NS, "starts");
  static final FunctionType KEEPER = new FunctionType(NS, "keeper");
  static final FunctionType CANCELLER = new FunctionType(NS, "canceller");
  static final int STARTS_COUNT = 6;

  /** Per start: one delayed message and one async operation, both pending for an hour at least. */
  static final class KeeperFn implements StatefulFunction {
    @Override
    public void invoke(Context context, Object input) {
      if (input instanceof Integer) {
        context.sendAfter(Duration.ofHours(1), context.self(), "later");
        context.registerAsyncOperation("never", new CompletableFuture<String>());
      }
    }
  }

  /** Per start: two delayed messages, one cancelled, and one async operation; odd starts throw. */
  static final class CancellerFn implements StatefulFunction {
    @Override
    public void invoke(Context context, Object input) {
      if (input instanceof Integer start) {
        context.sendAfter(Duration.ofHours(1), context.self(), "kept", "kept");
        context.sendAfter(Duration.ofHours(1), context.self(), "cancelled", "cancelled");
        context.cancelDelayedMessage("cancelled");
        context.registerAsyncOperation("never", new CompletableFuture<String>());
        if (start % 2 == 1) {
          throw new IllegalStateException("odd start " + start);
        }
      }
    }
  }

  static final class Module implements StatefulFunctionModule, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public void configure(Map<String, String> globalConfiguration, Binder binder) {
      binder.bindIngressRouter(
          STARTS,
          (start, downstream) -> {
            downstream.forward(KEEPER, "k-" + start, start);
            downstream.forward(CANCELLER, "c-" + start, start);
          });
      binder.bindFunctionProvider(KEEPER, type -> new KeeperFn());
      binder.bindFunctionProvider(CANCELLER, type -> new CancellerFn());
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

  @Test
  void pendingInFlightAndDeadLettersAreReportedPerFunctionType() throws Exception {
    int odd = STARTS_COUNT / 2;
    int even = STARTS_COUNT - odd;
    try (HarnessJob job =
        reporter
            .addTo(ItSupport.harness("hashmap"))
            .withConfiguration("statefun.failure.policy." + NS + "/canceller", "dead-letter")
            .withModule(new Module())
            .withGeneratedIngress(STARTS, STARTS_COUNT, index -> (int) index)
            .startAsync()) {
      job.awaitCondition(
          () ->
              reporter.operatorGaugeSum("delayedMessagesPending") == STARTS_COUNT + even
                  && reporter.operatorGaugeSum("asyncOperationsInFlight") == STARTS_COUNT + even
                  && reporter.functionCount(CANCELLER, "deadLetters") == odd
                  && reporter.functionCount(KEEPER, "invocations") == STARTS_COUNT,
          ItSupport.TIMEOUT);

      assertThat(reporter.functionGaugeSum(KEEPER, "delayedMessagesPending"))
          .isEqualTo(STARTS_COUNT);
      assertThat(reporter.functionGaugeSum(KEEPER, "asyncOperationsInFlight"))
          .isEqualTo(STARTS_COUNT);
      assertThat(reporter.functionCount(KEEPER, "deadLetters")).isZero();
      assertThat(reporter.functionGaugeSum(CANCELLER, "delayedMessagesPending")).isEqualTo(even);
      assertThat(reporter.functionGaugeSum(CANCELLER, "asyncOperationsInFlight")).isEqualTo(even);
      assertThat(reporter.functionCount(CANCELLER, "deadLetters")).isEqualTo(odd);
      assertThat(reporter.functionCount(CANCELLER, "failures")).isEqualTo(odd);
      assertThat(reporter.sum("deadLetters"))
          .as("the type's and the operator's counters")
          .isEqualTo(2L * odd);
      job.cancel();
    }
  }
}
