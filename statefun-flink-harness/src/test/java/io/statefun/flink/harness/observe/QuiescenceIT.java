package io.statefun.flink.harness.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.flink.harness.Harness;
import io.statefun.flink.harness.HarnessJob;
import io.statefun.flink.harness.io.ConsumingSink;
import io.statefun.flink.harness.io.GeneratorSource;
import io.statefun.flink.harness.testing.TestDelays;
import io.statefun.flink.io.SinkEgressSpec;
import io.statefun.flink.io.SourceIngressSpec;
import io.statefun.sdk.AsyncOperationResult;
import io.statefun.sdk.Context;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.StatefulFunction;
import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.io.IngressIdentifier;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.junit.jupiter.api.Test;

/**
 * Quiescence waits for work that moves no counter for a while: a slow invocation, a delayed message
 * and an async operation. Each finishes by emitting a record, so every record must be there when
 * {@code awaitQuiescence} returns.
 */
class QuiescenceIT {
  static final String NS = "kit-quiet";
  static final IngressIdentifier<String> IN = new IngressIdentifier<>(String.class, NS, "in");
  static final EgressIdentifier<String> OUT = new EgressIdentifier<>(NS, "out", String.class);
  static final FunctionType WORKER = new FunctionType(NS, "worker");

  /** Sleeps, schedules a delayed message and registers a slow async operation. */
  static final class WorkerFn implements StatefulFunction {
    @Override
    public void invoke(Context context, Object input) {
      if (input instanceof AsyncOperationResult<?, ?> result) {
        context.send(OUT, "async " + result.metadata());
      } else if ("later".equals(input)) {
        context.send(OUT, "delayed " + context.self().id());
      } else if (((String) input).startsWith("sleepy")) {
        sleep(600); // nothing else in flight meanwhile: only the invocation counters show it
        context.send(OUT, "slept " + input);
      } else {
        sleep(400); // longer than the quiet reads span
        context.send(OUT, "slow " + input);
        context.sendAfter(Duration.ofMillis(700), context.self(), "later");
        context.registerAsyncOperation(
            input, CompletableFuture.supplyAsync(() -> "done", TestDelays.after(900)));
      }
    }

    private static void sleep(long millis) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  static final class QuietModule implements StatefulFunctionModule, Serializable {
    private final String prefix;
    private final long records;

    QuietModule(String prefix, long records) {
      this.prefix = prefix;
      this.records = records;
    }

    @Override
    public void configure(Map<String, String> globalConfiguration, Binder binder) {
      String records = prefix; // captured by the generator below
      binder.bindIngress(
          new SourceIngressSpec<>(
              IN,
              new GeneratorSource<>(i -> records + i, this.records, 0),
              WatermarkStrategy.noWatermarks()));
      binder.bindIngressRouter(
          IN, (record, downstream) -> downstream.forward(WORKER, record, record));
      binder.bindFunctionProvider(WORKER, type -> new WorkerFn());
      binder.bindEgress(new SinkEgressSpec<>(OUT, new ConsumingSink<String>(record -> {})));
    }
  }

  @Test
  void waitsForSlowInvocationsDelayedMessagesAndAsyncOperations() throws Exception {
    Harness harness =
        new Harness()
            .withServiceLoaderModules(false)
            .withModule(new QuietModule("r", 3))
            .withParallelism(2)
            .withCollectingEgress(OUT);
    try (HarnessJob job = harness.startAsync()) {
      job.awaitQuiescence(Duration.ofSeconds(90));

      assertThat(job.egress(OUT).written())
          .containsExactlyInAnyOrder(
              "slow r0",
              "slow r1",
              "slow r2",
              "delayed r0",
              "delayed r1",
              "delayed r2",
              "async r0",
              "async r1",
              "async r2");
    }
  }

  @Test
  void aSlowInvocationIsNotQuiet() throws Exception {
    Harness harness =
        new Harness()
            .withServiceLoaderModules(false)
            .withModule(new QuietModule("sleepy", 1))
            .withCollectingEgress(OUT);
    try (HarnessJob job = harness.startAsync()) {
      job.awaitQuiescence(Duration.ofSeconds(90));

      assertThat(job.egress(OUT).written()).containsExactly("slept sleepy0");
    }
  }
}
