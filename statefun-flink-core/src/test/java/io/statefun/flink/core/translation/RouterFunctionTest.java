package io.statefun.flink.core.translation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.flink.core.config.FailurePolicy;
import io.statefun.flink.core.io.StreamIngressSpec;
import io.statefun.flink.core.message.Message;
import io.statefun.flink.core.universe.ModuleSet;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.io.DeadLetter;
import io.statefun.sdk.io.IngressIdentifier;
import io.statefun.sdk.io.Router;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;

class RouterFunctionTest {
  private static final FunctionType COUNTER = new FunctionType("test", "counter");
  private static final IngressIdentifier<Long> NUMBERS =
      new IngressIdentifier<>(Long.class, "test", "numbers");

  static final class Numbers implements StreamIngressSpec<Long>, Serializable {
    @Override
    public IngressIdentifier<Long> id() {
      return NUMBERS;
    }

    @Override
    public DataStream<Long> createStream(StreamExecutionEnvironment env) {
      return env.fromSequence(0, 10);
    }
  }

  /** Forwards each number twice, and throws on 3 after its first forward. */
  static final class PickyRouter implements Router<Long>, Serializable {
    @Override
    public void route(Long n, Downstream<Long> out) {
      out.forward(COUNTER, "c" + n, n);
      if (n == 3) {
        throw new IllegalArgumentException("bad record " + n);
      }
      out.forward(COUNTER, "d" + n, n);
    }
  }

  static final class Module implements StatefulFunctionModule, Serializable {
    @Override
    public void configure(Map<String, String> globalConfiguration, Binder binder) {
      binder.bindIngress(new Numbers());
      binder.bindIngressRouter(NUMBERS, new PickyRouter());
      binder.bindFunctionProvider(COUNTER, type -> (context, input) -> {});
    }
  }

  private static final OutputTag<Object> DEAD_LETTERS = EgressTags.of(DeadLetter.EGRESS);

  private static OneInputStreamOperatorTestHarness<Long, Message> harness(
      FailurePolicy policy, OutputTag<Object> deadLetters) throws Exception {
    RouterFunction<Long> router =
        new RouterFunction<>(
            ModuleSet.of(false, List.of(new Module()), Map.of()), NUMBERS, policy, deadLetters);
    return ProcessFunctionTestHarnesses.forProcessFunction(router);
  }

  private static List<String> targets(OneInputStreamOperatorTestHarness<Long, Message> h) {
    List<String> ids = new ArrayList<>();
    h.extractOutputValues().forEach(m -> ids.add(m.target().id()));
    return ids;
  }

  @Test
  void aRouterFailureNamesTheIngressTheRouterClassAndTheRecord() throws Exception {
    try (var h = harness(FailurePolicy.FAIL, null)) {
      assertThatThrownBy(() -> h.processElement(new StreamRecord<>(3L)))
          .isInstanceOf(RouterException.class)
          .hasMessageContaining("ingress " + NUMBERS)
          .hasMessageContaining(PickyRouter.class.getName())
          .hasMessageContaining("record java.lang.Long 3")
          .hasRootCauseMessage("bad record 3");
    }
  }

  @Test
  void underDeadLetterAFailedRecordForwardsNothingAndBecomesADeadLetter() throws Exception {
    try (var h = harness(FailurePolicy.DEAD_LETTER, DEAD_LETTERS)) {
      for (long n = 1; n <= 4; n++) {
        h.processElement(new StreamRecord<>(n));
      }
      assertThat(targets(h)).containsExactly("c1", "d1", "c2", "d2", "c4", "d4");
      List<DeadLetter> letters = new ArrayList<>();
      h.getSideOutput(DEAD_LETTERS).forEach(r -> letters.add((DeadLetter) r.getValue()));
      assertThat(letters)
          .singleElement()
          .satisfies(
              letter -> {
                assertThat(letter.cause()).isEqualTo(DeadLetter.Cause.ROUTER);
                assertThat(letter.ingress()).isEqualTo("test/numbers");
                assertThat(letter.payload()).isEqualTo(3L);
                assertThat(letter.exceptionClass())
                    .isEqualTo(IllegalArgumentException.class.getName());
                assertThat(letter.exceptionMessage()).isEqualTo("bad record 3");
              });
    }
  }

  @Test
  void underDeadLetterWithTheEgressUnboundTheRecordIsSkipped() throws Exception {
    try (var h = harness(FailurePolicy.DEAD_LETTER, null)) {
      h.processElement(new StreamRecord<>(3L));
      h.processElement(new StreamRecord<>(4L));
      assertThat(targets(h)).containsExactly("c4", "d4");
    }
  }
}
