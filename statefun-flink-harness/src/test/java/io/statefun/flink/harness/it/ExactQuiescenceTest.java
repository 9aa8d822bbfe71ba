package io.statefun.flink.harness.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.flink.harness.HarnessJob;
import io.statefun.flink.harness.testing.TestDelays;
import io.statefun.sdk.AsyncOperationResult;
import io.statefun.sdk.Context;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.StatefulFunction;
import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.io.IngressIdentifier;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Quiescence is known from the core's message counts, not guessed from counters that stood still
 * for a while: work that moves no other counter for much longer than any read window (slow
 * invocations, a slow invocation right after an async completion or a delayed message, with no kit
 * instrumentation in the job) still keeps it from being reported, so every egress record is there
 * when {@code awaitQuiescence} returns. (The former check, which waited for its figures to stand
 * still over 3 reads and 100 ms, returned during the first slow invocation here.)
 */
class ExactQuiescenceTest {
  static final String NS = "it-exact-quiet";
  static final IngressIdentifier<Integer> IN = new IngressIdentifier<>(Integer.class, NS, "in");
  static final EgressIdentifier<String> OUT = new EgressIdentifier<>(NS, "out", String.class);
  static final FunctionType FIRST = new FunctionType(NS, "first");
  static final FunctionType SECOND = new FunctionType(NS, "second");
  static final int RECORDS = 4;
  static final long SLOW_MILLIS = 400;

  private String sink;

  @BeforeEach
  void openSink() {
    ItSupport.clearSinks();
    sink = ItSupport.openSink("exact-quiet");
  }

  /**
   * Record i: slow, then a message to {@code SECOND}; odd records also schedule a delayed message
   * and an async operation completed later on the tests' own delay thread.
   */
  static final class FirstFn implements StatefulFunction {
    @Override
    public void invoke(Context context, Object input) {
      if (input instanceof Integer i) {
        sleep(SLOW_MILLIS);
        context.send(SECOND, "s-" + i, "from " + i);
        if (i % 2 == 1) {
          context.sendAfter(Duration.ofMillis(300), context.self(), "later");
          context.registerAsyncOperation(
              i, CompletableFuture.supplyAsync(() -> "done", TestDelays.after(600)));
        }
      } else if (input instanceof AsyncOperationResult<?, ?> result) {
        sleep(SLOW_MILLIS);
        context.send(OUT, "async " + result.metadata());
      } else if ("later".equals(input)) {
        sleep(SLOW_MILLIS);
        context.send(OUT, "delayed " + context.self().id());
      }
    }
  }

  /** Slow, then one egress record. */
  static final class SecondFn implements StatefulFunction {
    @Override
    public void invoke(Context context, Object input) {
      sleep(SLOW_MILLIS);
      context.send(OUT, "second " + input);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static final class Module implements StatefulFunctionModule, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public void configure(Map<String, String> globalConfiguration, Binder binder) {
      binder.bindIngressRouter(IN, (i, downstream) -> downstream.forward(FIRST, "f-" + i, i));
      binder.bindFunctionProvider(FIRST, type -> new FirstFn());
      binder.bindFunctionProvider(SECOND, type -> new SecondFn());
    }
  }

  @Test
  void slowWorkThatMovesNoOtherCounterIsNotQuiet() throws Exception {
    try (HarnessJob job =
        ItSupport.harness("hashmap")
            .withModule(new Module())
            .withGeneratedIngress(IN, RECORDS, index -> (int) index)
            .withConsumingEgress(OUT, ItSupport.into(sink))
            .startAsync()) {
      job.awaitQuiescence(Duration.ofSeconds(120));

      List<String> expected =
          IntStream.range(0, RECORDS).mapToObj(i -> "second from " + i).toList();
      List<String> odd =
          IntStream.range(0, RECORDS)
              .filter(i -> i % 2 == 1)
              .boxed()
              .flatMap(i -> List.of("delayed f-" + i, "async " + i).stream())
              .toList();
      assertThat(ItSupport.<String>records(sink))
          .containsExactlyInAnyOrderElementsOf(
              java.util.stream.Stream.concat(expected.stream(), odd.stream()).toList());
      job.cancel();
    }
  }
}
