package io.statefun.flink.harness.it;

import static io.statefun.flink.harness.it.ItSupport.awaitRecords;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.flink.core.config.StatefulFunctionsOptions;
import io.statefun.flink.harness.Harness;
import io.statefun.flink.harness.HarnessJob;
import io.statefun.flink.harness.io.GeneratorSource;
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
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The harness conveniences StateFun 3.3 programs use: global configuration for the modules, the
 * Kryo serializer switch, any Flink source as an ingress, and type information for records Flink
 * cannot derive from the identifier's class.
 */
class PortingConveniencesTest {
  static final String NS = "it-porting";
  static final IngressIdentifier<Long> NUMBERS = new IngressIdentifier<>(Long.class, NS, "numbers");

  @SuppressWarnings({"unchecked", "rawtypes"})
  static final IngressIdentifier<Tuple2<String, Long>> PAIRS =
      new IngressIdentifier<>((Class) Tuple2.class, NS, "pairs");

  static final EgressIdentifier<String> OUT = new EgressIdentifier<>(NS, "out", String.class);
  static final FunctionType GREETER = new FunctionType(NS, "greeter");

  /** Greets with the word the global configuration names. */
  static final class GreeterFn implements StatefulFunction {
    private final String word;

    GreeterFn(String word) {
      this.word = word;
    }

    @Override
    public void invoke(Context context, Object input) {
      context.send(OUT, word + " " + context.self().id() + " " + input);
    }
  }

  static final class Module implements StatefulFunctionModule, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public void configure(Map<String, String> globalConfiguration, Binder binder) {
      String word = globalConfiguration.getOrDefault("greeting", "(no greeting configured)");
      binder.bindFunctionProvider(GREETER, type -> new GreeterFn(word));
      binder.bindIngressRouter(
          NUMBERS, (number, downstream) -> downstream.forward(GREETER, "n" + number, number));
      binder.bindIngressRouter(
          PAIRS, (pair, downstream) -> downstream.forward(GREETER, pair.f0, pair.f1));
    }
  }

  private String sink;

  @BeforeEach
  void openSink() {
    ItSupport.clearSinks();
    sink = ItSupport.openSink("out");
  }

  @Test
  void aFlinkSourceFeedsAnIngressAndGlobalConfigurationReachesTheModule() throws Exception {
    List<String> expected = new ArrayList<>();
    for (long i = 1; i <= 4; i++) {
      expected.add("hello n" + i + " " + i);
    }
    List<String> greetings;
    try (HarnessJob job =
        harness()
            .withGlobalConfiguration("greeting", "hello")
            .withFlinkSource(NUMBERS, new NumberSequenceSource(1, 4))
            .withGeneratedIngress(PAIRS, 0, index -> Tuple2.of("unused", index), pairType())
            .withConsumingEgress(OUT, ItSupport.into(sink))
            .startAsync()) {
      greetings = awaitRecords(job, sink, expected.size());
      job.cancel();
    }
    assertThat(greetings).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void aGeneratedIngressTakesTypeInformationFlinkCannotDerive() throws Exception {
    List<String> greetings;
    try (HarnessJob job =
        harness()
            .withGlobalConfiguration("greeting", "hi")
            .withFlinkSource(NUMBERS, new GeneratorSource<>(index -> index, 0, 0), Types.LONG)
            .withGeneratedIngress(PAIRS, 3, index -> Tuple2.of("p" + index, index * 10), pairType())
            .withConsumingEgress(OUT, ItSupport.into(sink))
            .startAsync()) {
      greetings = awaitRecords(job, sink, 3);
      job.cancel();
    }
    assertThat(greetings).containsExactlyInAnyOrder("hi p0 0", "hi p1 10", "hi p2 20");
  }

  @Test
  void withoutTheTypeInformationTheGenericIngressCannotBeBuilt() {
    assertThatThrownBy(
            () ->
                harness()
                    .withFlinkSource(NUMBERS, new NumberSequenceSource(1, 1))
                    .withGeneratedIngress(PAIRS, 3, index -> Tuple2.of("p" + index, index))
                    .startAsync()
                    .close())
        .hasStackTraceContaining("Tuple");
  }

  @Test
  void kryoSerializerGlobalConfigurationAndJobNameAreFlinkSettings() throws Exception {
    Configuration config =
        new Harness()
            .withConfiguration(StatefulFunctionsOptions.MESSAGE_SERIALIZER.key(), "raw")
            .withKryoMessageSerializer()
            .withGlobalConfiguration("greeting", "hello")
            .withFlinkJobName("ported")
            .effectiveConfiguration();

    assertThat(config.get(StatefulFunctionsOptions.MESSAGE_SERIALIZER)).isEqualTo("kryo");
    assertThat(config.toMap())
        .containsEntry(StatefulFunctionsOptions.MODULE_GLOBAL_CONFIG_PREFIX + "greeting", "hello");
    assertThat(config.get(StatefulFunctionsOptions.FLINK_JOB_NAME)).isEqualTo("ported");
    assertThatThrownBy(() -> new Harness().withGlobalConfiguration("", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("global configuration key");
  }

  private static Harness harness() {
    return new Harness()
        .withParallelism(1)
        .withServiceLoaderModules(false)
        .withModule(new Module());
  }

  private static org.apache.flink.api.common.typeinfo.TypeInformation<Tuple2<String, Long>>
      pairType() {
    return Types.TUPLE(Types.STRING, Types.LONG);
  }
}
