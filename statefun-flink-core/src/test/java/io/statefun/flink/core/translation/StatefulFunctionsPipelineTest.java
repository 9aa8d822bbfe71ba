package io.statefun.flink.core.translation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.flink.core.config.StatefulFunctionsConfig;
import io.statefun.flink.core.io.StreamIngressSpec;
import io.statefun.flink.core.universe.ModuleSet;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.io.IngressIdentifier;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

class StatefulFunctionsPipelineTest {
  private static final IngressIdentifier<Long> NUMBERS =
      new IngressIdentifier<>(Long.class, "test", "numbers");
  private static final FunctionType COUNTER = new FunctionType("test", "counter");

  /** A sequence source, for building (not running) a pipeline. */
  static final class SequenceIngress implements StreamIngressSpec<Long>, Serializable {
    @Override
    public IngressIdentifier<Long> id() {
      return NUMBERS;
    }

    @Override
    public DataStream<Long> createStream(StreamExecutionEnvironment env) {
      return env.fromSequence(0, 10);
    }
  }

  static final class Module implements StatefulFunctionModule, Serializable {
    @Override
    public void configure(Map<String, String> globalConfiguration, Binder binder) {
      binder.bindIngress(new SequenceIngress());
      binder.bindIngressRouter(NUMBERS, (n, out) -> out.forward(COUNTER, "c" + n, n));
      binder.bindFunctionProvider(COUNTER, type -> (context, input) -> {});
    }
  }

  private static StatefulFunctionsPipeline build(Map<String, String> settings) {
    Configuration flink = Configuration.fromMap(settings);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
    env.setParallelism(2);
    StatefulFunctionsConfig config =
        StatefulFunctionsConfig.fromFlinkConfiguration(
            flink, StatefulFunctionsPipelineTest.class.getClassLoader());
    return StatefulFunctionsPipeline.build(
        env, config, ModuleSet.of(false, List.of(new Module()), Map.of()), List.of());
  }

  private static Transformation<?> router(StatefulFunctionsPipeline pipeline) {
    return pipeline.functions().getTransformation().getInputs().get(0).getInputs().get(0);
  }

  @Test
  void bothEdgesFlushAfterAMillisecondByDefault() {
    StatefulFunctionsPipeline pipeline = build(Map.of());

    assertThat(router(pipeline).getName()).isEqualTo("router test/numbers");
    assertThat(router(pipeline).getBufferTimeout()).isEqualTo(1L);
    assertThat(pipeline.functions().getTransformation().getBufferTimeout()).isEqualTo(1L);
  }

  @Test
  void bothFlushIntervalsFollowTheirOptions() {
    StatefulFunctionsPipeline pipeline =
        build(
            Map.of(
                "statefun.network.buffer-timeout", "7 ms",
                "statefun.feedback.buffer-timeout", "3 ms"));

    assertThat(router(pipeline).getBufferTimeout()).isEqualTo(7L);
    assertThat(pipeline.functions().getTransformation().getBufferTimeout()).isEqualTo(3L);
  }

  @Test
  void namedPipelinesInOneJobGetTheirOwnUidsAndOneNameCannotBeUsedTwice() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    StatefulFunctionsConfig config =
        StatefulFunctionsConfig.fromFlinkConfiguration(
            new Configuration(), StatefulFunctionsPipelineTest.class.getClassLoader());
    ModuleSet modules = ModuleSet.of(false, List.of(new Module()), Map.of());

    StatefulFunctionsPipeline first =
        StatefulFunctionsPipeline.build(env, config, modules, List.of(), "first");
    StatefulFunctionsPipeline second =
        StatefulFunctionsPipeline.build(env, config, modules, List.of(), "a/b");

    assertThat(first.functions().getTransformation().getUid())
        .isEqualTo("statefun-pipeline/first/statefun-functions");
    assertThat(second.functions().getTransformation().getUid())
        .isEqualTo("statefun-pipeline/a%2Fb/statefun-functions");
    assertThat(router(first).getUid())
        .isEqualTo("statefun-pipeline/first/statefun-router/test/numbers");
    assertThat(first.functions().getTransformation().getCoLocationGroupKey())
        .isNotEqualTo(second.functions().getTransformation().getCoLocationGroupKey());
    assertThatThrownBy(
            () -> StatefulFunctionsPipeline.build(env, config, modules, List.of(), "first"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("named 'first' is already part of this job");
  }

  @Test
  void theOnePipelineOfAJobKeepsItsUnscopedUids() {
    StatefulFunctionsPipeline pipeline = build(Map.of());

    assertThat(pipeline.functions().getTransformation().getUid()).isEqualTo("statefun-functions");
    assertThat(router(pipeline).getUid()).isEqualTo("statefun-router/test/numbers");
  }
}
