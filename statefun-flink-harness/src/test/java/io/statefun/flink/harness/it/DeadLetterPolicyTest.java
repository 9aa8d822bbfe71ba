package io.statefun.flink.harness.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.flink.harness.HarnessJob;
import io.statefun.sdk.Context;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.StatefulFunction;
import io.statefun.sdk.annotations.Persisted;
import io.statefun.sdk.io.DeadLetter;
import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.io.IngressIdentifier;
import io.statefun.sdk.spi.StatefulFunctionModule;
import io.statefun.sdk.state.PersistedValue;
import java.io.Serializable;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One poison record among 10,000 good ones: under the dead-letter policy every good record is
 * processed exactly once (state and egress) and the poison one becomes exactly one dead letter.
 */
class DeadLetterPolicyTest {
  static final String NS = "it-dead-letters";
  static final IngressIdentifier<Integer> NUMBERS =
      new IngressIdentifier<>(Integer.class, NS, "numbers");
  static final FunctionType COUNTER = new FunctionType(NS, "counter");
  static final EgressIdentifier<String> COUNTS = new EgressIdentifier<>(NS, "counts", String.class);

  static final int GOOD = 10_000;
  static final int KEYS = 100;

  /** Record index of the poison; the function throws on it. */
  static final int POISON_INDEX = 5_000;

  /** Which record the router throws on, in the router variant. */
  static final int ROUTER_POISON = -2;

  static final int FUNCTION_POISON = -1;

  static final class CounterFn implements StatefulFunction {
    @Persisted
    private final PersistedValue<Integer> seen = PersistedValue.of("seen", Integer.class);

    @Override
    public void invoke(Context context, Object input) {
      int record = (Integer) input;
      int count = seen.getOrDefault(0) + 1;
      seen.set(count);
      // The egress record comes before the failure: an atomic invocation must drop it.
      context.send(COUNTS, context.self().id() + ":" + count + ":" + record);
      if (record == FUNCTION_POISON) {
        throw new IllegalStateException("poison record");
      }
    }
  }

  static final class Module implements StatefulFunctionModule, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public void configure(Map<String, String> globalConfiguration, Binder binder) {
      binder.bindIngressRouter(
          NUMBERS,
          (record, downstream) -> {
            if (record == ROUTER_POISON) {
              throw new IllegalArgumentException("unroutable record");
            }
            int key = record < 0 ? 0 : record % KEYS;
            downstream.forward(COUNTER, "k" + key, record);
          });
      binder.bindFunctionProvider(COUNTER, type -> new CounterFn());
    }
  }

  private String counts;
  private String deadLetters;

  @BeforeEach
  void openSinks() {
    ItSupport.clearSinks();
    counts = ItSupport.openSink("counts");
    deadLetters = ItSupport.openSink("dead-letters");
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void aPoisonMessageToAFunctionIsOneDeadLetterAndEveryGoodRecordCountsOnce(String backend)
      throws Exception {
    runWithPoison(backend, FUNCTION_POISON, DeadLetter.Cause.FUNCTION);
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void aPoisonRecordForTheRouterIsOneDeadLetterAndEveryGoodRecordCountsOnce(String backend)
      throws Exception {
    runWithPoison(backend, ROUTER_POISON, DeadLetter.Cause.ROUTER);
  }

  private void runWithPoison(String backend, int poison, DeadLetter.Cause cause) throws Exception {
    try (HarnessJob job =
        ItSupport.harness(backend)
            .withConfiguration("statefun.failure.policy", "dead-letter")
            .withCheckpointInterval(Duration.ofMillis(500))
            .withModule(new Module())
            .withGeneratedIngress(
                NUMBERS,
                GOOD + 1,
                index ->
                    index == POISON_INDEX
                        ? poison
                        : (int) (index < POISON_INDEX ? index : index - 1))
            .withConsumingEgress(COUNTS, ItSupport.into(counts))
            .withConsumingEgress(DeadLetter.EGRESS, ItSupport.into(deadLetters))
            .startAsync()) {
      ItSupport.await(
          job,
          () -> ItSupport.size(counts) >= GOOD && ItSupport.size(deadLetters) >= 1,
          () -> ItSupport.size(counts) + " counts, dead letters " + ItSupport.records(deadLetters));
      // Anything extra (a duplicate, a second dead letter) would arrive soon after.
      Thread.sleep(1_000);
      job.cancel();
    }

    List<String> emitted = ItSupport.records(counts);
    assertThat(emitted).hasSize(GOOD);
    Set<Integer> records = new HashSet<>();
    Map<String, Integer> lastCount = new HashMap<>();
    Set<String> countsSeen = new HashSet<>();
    for (String line : emitted) {
      String[] parts = line.split(":");
      records.add(Integer.parseInt(parts[2]));
      assertThat(countsSeen.add(parts[0] + ":" + parts[1])).as("duplicate %s", line).isTrue();
      lastCount.merge(parts[0], Integer.parseInt(parts[1]), Math::max);
    }
    assertThat(records).hasSize(GOOD).allMatch(r -> r >= 0 && r < GOOD);
    // Every key counted exactly its good records: state saw each once, the poison never.
    assertThat(lastCount)
        .hasSize(KEYS)
        .allSatisfy((key, count) -> assertThat(count).isEqualTo(GOOD / KEYS));

    List<DeadLetter> letters = ItSupport.records(deadLetters);
    assertThat(letters)
        .singleElement()
        .satisfies(
            letter -> {
              assertThat(letter.cause()).isEqualTo(cause);
              assertThat(letter.payload()).isEqualTo(poison);
            });
  }
}
