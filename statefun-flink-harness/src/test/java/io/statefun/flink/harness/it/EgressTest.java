package io.statefun.flink.harness.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.flink.harness.Harness;
import io.statefun.flink.harness.HarnessJob;
import io.statefun.sdk.Context;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.StatefulFunction;
import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.io.IngressIdentifier;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Egresses are told apart by identifier: each gets exactly the records sent to it, whatever their
 * record types, including two egresses of the same type, and two whose namespace and name join to
 * the same string.
 */
class EgressTest {
  static final String NS = "it-egress";
  static final IngressIdentifier<Integer> NUMBERS_IN =
      new IngressIdentifier<>(Integer.class, NS, "numbers-in");
  static final FunctionType EMITTER = new FunctionType(NS, "emitter");

  static final EgressIdentifier<String> TEXTS = new EgressIdentifier<>(NS, "texts", String.class);
  static final EgressIdentifier<Long> LONGS = new EgressIdentifier<>(NS, "longs", Long.class);
  static final EgressIdentifier<String> MORE_TEXTS =
      new EgressIdentifier<>(NS, "more-texts", String.class);

  /** Distinct identifiers whose namespace and name, joined with '-', read the same. */
  static final EgressIdentifier<String> JOINED_A =
      new EgressIdentifier<>("it-egress-x", "y", String.class);

  static final EgressIdentifier<String> JOINED_B =
      new EgressIdentifier<>("it-egress", "x-y", String.class);

  static final int RECORDS = 60;

  static final class EmitterFn implements StatefulFunction {
    private final boolean joined;

    EmitterFn(boolean joined) {
      this.joined = joined;
    }

    @Override
    public void invoke(Context context, Object input) {
      int i = (Integer) input;
      if (joined) {
        context.send(i % 2 == 0 ? JOINED_A : JOINED_B, (i % 2 == 0 ? "a-" : "b-") + i);
        return;
      }
      context.send(TEXTS, "text-" + i);
      context.send(LONGS, i * 10L);
      if (i % 3 == 0) {
        context.send(MORE_TEXTS, "more-" + i);
      }
    }
  }

  static final class Module implements StatefulFunctionModule, Serializable {
    private static final long serialVersionUID = 1L;
    private final boolean joined;

    Module(boolean joined) {
      this.joined = joined;
    }

    @Override
    public void configure(Map<String, String> globalConfiguration, Binder binder) {
      binder.bindIngressRouter(
          NUMBERS_IN, (i, downstream) -> downstream.forward(EMITTER, "e-" + (i % 7), i));
      binder.bindFunctionProvider(EMITTER, type -> new EmitterFn(joined));
    }
  }

  private String texts;
  private String longs;
  private String moreTexts;

  @BeforeEach
  void openSinks() {
    ItSupport.clearSinks();
    texts = ItSupport.openSink("texts");
    longs = ItSupport.openSink("longs");
    moreTexts = ItSupport.openSink("more-texts");
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void eachEgressGetsExactlyItsOwnRecords(String backend) throws Exception {
    List<String> expectedTexts = new ArrayList<>();
    List<Long> expectedLongs = new ArrayList<>();
    List<String> expectedMoreTexts = new ArrayList<>();
    for (int i = 0; i < RECORDS; i++) {
      expectedTexts.add("text-" + i);
      expectedLongs.add(i * 10L);
      if (i % 3 == 0) {
        expectedMoreTexts.add("more-" + i);
      }
    }

    try (HarnessJob job =
        ItSupport.harness(backend)
            .withModule(new Module(false))
            .withGeneratedIngress(NUMBERS_IN, RECORDS, index -> (int) index)
            .withConsumingEgress(TEXTS, ItSupport.into(texts))
            .withConsumingEgress(LONGS, ItSupport.into(longs))
            .withConsumingEgress(MORE_TEXTS, ItSupport.into(moreTexts))
            .startAsync()) {
      ItSupport.await(
          job,
          () ->
              ItSupport.size(texts) >= expectedTexts.size()
                  && ItSupport.size(longs) >= expectedLongs.size()
                  && ItSupport.size(moreTexts) >= expectedMoreTexts.size(),
          () ->
              "texts "
                  + ItSupport.records(texts)
                  + ", longs "
                  + ItSupport.records(longs)
                  + ", more texts "
                  + ItSupport.records(moreTexts));
      job.cancel();
    }
    assertThat(ItSupport.<Object>records(texts)).containsExactlyInAnyOrderElementsOf(expectedTexts);
    assertThat(ItSupport.<Object>records(longs)).containsExactlyInAnyOrderElementsOf(expectedLongs);
    assertThat(ItSupport.<Object>records(moreTexts))
        .containsExactlyInAnyOrderElementsOf(expectedMoreTexts);
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void egressesWhoseNamespaceAndNameJoinToTheSameStringStayApart(String backend) throws Exception {
    assertThat(JOINED_A).isNotEqualTo(JOINED_B);
    List<String> expectedA = new ArrayList<>();
    List<String> expectedB = new ArrayList<>();
    for (int i = 0; i < RECORDS; i++) {
      (i % 2 == 0 ? expectedA : expectedB).add((i % 2 == 0 ? "a-" : "b-") + i);
    }
    String a = ItSupport.openSink("joined-a");
    String b = ItSupport.openSink("joined-b");
    Harness harness =
        ItSupport.harness(backend)
            .withModule(new Module(true))
            .withGeneratedIngress(NUMBERS_IN, RECORDS, index -> (int) index)
            .withConsumingEgress(JOINED_A, ItSupport.into(a))
            .withConsumingEgress(JOINED_B, ItSupport.into(b));
    HarnessJob started;
    try {
      started = harness.startAsync();
    } catch (Exception e) {
      throw new AssertionError(
          "a job with the distinct egresses "
              + JOINED_A
              + " and "
              + JOINED_B
              + " did not start: "
              + ItSupport.causeMessages(e),
          e);
    }
    try (HarnessJob job = started) {
      ItSupport.await(
          job,
          () -> ItSupport.size(a) >= expectedA.size() && ItSupport.size(b) >= expectedB.size(),
          () ->
              JOINED_A
                  + ": "
                  + ItSupport.records(a)
                  + ", "
                  + JOINED_B
                  + ": "
                  + ItSupport.records(b));
      job.cancel();
    }
    assertThat(ItSupport.<String>records(a))
        .as("egress " + JOINED_A)
        .containsExactlyInAnyOrderElementsOf(expectedA);
    assertThat(ItSupport.<String>records(b))
        .as("egress " + JOINED_B)
        .containsExactlyInAnyOrderElementsOf(expectedB);
  }
}
