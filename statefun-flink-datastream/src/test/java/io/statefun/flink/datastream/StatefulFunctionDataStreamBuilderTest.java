package io.statefun.flink.datastream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.flink.core.StatefulFunctionsConfig;
import io.statefun.flink.core.message.MessageFactoryType;
import io.statefun.flink.core.message.RoutableMessage;
import io.statefun.flink.core.message.RoutableMessageBuilder;
import io.statefun.flink.core.message.RoutableMessageTypeInfo;
import io.statefun.flink.core.universe.DuplicateBindingException;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.FunctionTypeNamespaceMatcher;
import io.statefun.sdk.StatefulFunction;
import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.io.Serializable;
import java.util.Map;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.IllegalConfigurationException;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/** What the builder checks, and what it builds, without running a job. */
class StatefulFunctionDataStreamBuilderTest {
  static final FunctionType GREETER = new FunctionType("test", "greeter");
  static final EgressIdentifier<String> OUT = new EgressIdentifier<>("test", "out", String.class);

  static final class Greeter implements StatefulFunction {
    @Override
    public void invoke(io.statefun.sdk.Context context, Object input) {
      context.send(OUT, "hello " + input);
    }
  }

  /** A module that binds the builder's function type too. */
  static final class ClashingModule implements StatefulFunctionModule, Serializable {
    @Override
    public void configure(Map<String, String> globalConfiguration, Binder binder) {
      binder.bindFunctionProvider(GREETER, type -> new Greeter());
    }
  }

  private static StreamExecutionEnvironment env(Configuration config) {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
    env.setParallelism(3);
    env.setMaxParallelism(32);
    return env;
  }

  private static DataStream<RoutableMessage> names(StreamExecutionEnvironment env) {
    return env.fromSource(
            new DataGeneratorSource<>(
                index -> "n" + index,
                Long.MAX_VALUE,
                RateLimiterStrategy.perSecond(1),
                Types.STRING),
            WatermarkStrategy.noWatermarks(),
            "names")
        .map(
            name ->
                RoutableMessageBuilder.builder()
                    .withTargetAddress(GREETER, name)
                    .withMessageBody(name)
                    .build());
  }

  private static StatefulFunctionDataStreamBuilder greeter(
      String name, StreamExecutionEnvironment env) {
    return StatefulFunctionDataStreamBuilder.builder(name)
        .withDataStreamAsIngress(names(env))
        .withFunctionProvider(GREETER, type -> new Greeter())
        .withEgressId(OUT);
  }

  private static Transformation<?> byUid(StreamExecutionEnvironment env, String uid) {
    return env.getTransformations().stream()
        .flatMap(t -> t.getTransitivePredecessors().stream())
        .filter(t -> uid.equals(t.getUid()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no transformation with uid " + uid));
  }

  @Test
  void theFunctionsTakeParallelismAndMaxParallelismFromTheEnvironment() {
    StreamExecutionEnvironment env = env(new Configuration());
    DataStream<String> out = greeter("greeter", env).build(env).getDataStreamForEgressId(OUT);

    Transformation<?> functions = byUid(env, "statefun-pipeline/greeter/statefun-functions");
    assertThat(functions.getParallelism()).isEqualTo(3);
    assertThat(functions.getMaxParallelism()).isEqualTo(32);
    assertThat(out.getType()).isEqualTo(Types.STRING);
    assertThat(names(env).getType()).isSameAs(RoutableMessageTypeInfo.INSTANCE);
  }

  @Test
  void twoPipelinesInOneJobHaveDistinctUidsAndCoLocationGroups() {
    StreamExecutionEnvironment env = env(new Configuration());
    greeter("left", env).build(env);
    greeter("right", env).build(env);

    Transformation<?> left = byUid(env, "statefun-pipeline/left/statefun-functions");
    Transformation<?> right = byUid(env, "statefun-pipeline/right/statefun-functions");
    assertThat(byUid(env, "statefun-pipeline/left/statefun-feedback-tail").getCoLocationGroupKey())
        .isEqualTo(left.getCoLocationGroupKey());
    assertThat(left.getCoLocationGroupKey()).isNotEqualTo(right.getCoLocationGroupKey());
    assertThat(byUid(env, "statefun-pipeline/right/statefun-datastream-input/0")).isNotNull();
  }

  @Test
  void aNameCanBeUsedOnlyOncePerJob() {
    StreamExecutionEnvironment env = env(new Configuration());
    greeter("greeter", env).build(env);

    assertThatThrownBy(() -> greeter("greeter", env).build(env))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("named 'greeter' is already part of this job");
    assertThatThrownBy(() -> StatefulFunctionDataStreamBuilder.builder(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("non-empty name");
  }

  @Test
  void aPipelineWithoutInputIsRejected() {
    StreamExecutionEnvironment env = env(new Configuration());

    assertThatThrownBy(
            () ->
                StatefulFunctionDataStreamBuilder.builder("empty")
                    .withFunctionProvider(GREETER, type -> new Greeter())
                    .build(env))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'empty' has no input")
        .hasMessageContaining("withDataStreamAsIngress");
  }

  @Test
  void duplicateBindingsAreRejectedNamingWhatIsBoundTwice() {
    StreamExecutionEnvironment env = env(new Configuration());

    assertThatThrownBy(() -> greeter("g", env).withFunctionProvider(GREETER, type -> new Greeter()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("function type test/greeter is bound twice");
    assertThatThrownBy(() -> greeter("g", env).withEgressId(OUT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("egress")
        .hasMessageContaining("registered twice");
    FunctionTypeNamespaceMatcher test = FunctionTypeNamespaceMatcher.targetNamespace("test");
    assertThatThrownBy(
            () ->
                greeter("g", env)
                    .withFunctionProvider(test, type -> new Greeter())
                    .withFunctionProvider(test, type -> new Greeter()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("function namespace test/* is bound twice");
    assertThatThrownBy(() -> greeter("g", env).withModule(new ClashingModule()).build(env))
        .isInstanceOf(DuplicateBindingException.class)
        .hasMessageContaining("test/greeter")
        .hasMessageContaining(DataStreamBindings.class.getName())
        .hasMessageContaining(ClashingModule.class.getName());
  }

  @Test
  void aProviderThatCannotBeSerializedIsRejectedNamingTheFunctionType() {
    Object notSerializable = new Object();
    SerializableStatefulFunctionProvider capturing =
        type -> {
          notSerializable.hashCode();
          return new Greeter();
        };

    assertThatThrownBy(
            () ->
                StatefulFunctionDataStreamBuilder.builder("g")
                    .withFunctionProvider(GREETER, capturing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("provider of function type test/greeter")
        .hasMessageContaining("cannot be serialized");
  }

  @Test
  void unalignedCheckpointsBuildWithTheFeedbackEdgeAligned() {
    StreamExecutionEnvironment unaligned = env(new Configuration());
    unaligned.enableCheckpointing(1000);
    unaligned.getCheckpointConfig().enableUnalignedCheckpoints();
    greeter("g", unaligned).build(unaligned);

    assertThat(unaligned.getStreamGraph().getStreamNodes())
        .filteredOn(node -> node.getOperatorName().startsWith("statefun-feedback-tail"))
        .singleElement()
        .satisfies(
            tail ->
                assertThat(tail.getInEdges())
                    .isNotEmpty()
                    .allSatisfy(edge -> assertThat(edge.supportsUnalignedCheckpoints()).isFalse()));
  }

  @Test
  void invalidSettingsFailAtBuildNamingTheKey() {
    Configuration rocksDbWithHeapTimers = new Configuration();
    rocksDbWithHeapTimers.setString("state.backend.type", "rocksdb");
    rocksDbWithHeapTimers.setString("state.backend.rocksdb.timer-service.factory", "HEAP");
    StreamExecutionEnvironment rocks = env(rocksDbWithHeapTimers);
    assertThatThrownBy(() -> greeter("g", rocks).build(rocks))
        .isInstanceOf(IllegalConfigurationException.class)
        .hasMessageContaining("state.backend.rocksdb.timer-service.factory");

    StreamExecutionEnvironment env = env(new Configuration());
    StatefulFunctionsConfig config = StatefulFunctionsConfig.fromEnvironment(env);
    config.setMaxAsyncOperationsPerTask(0);
    assertThatThrownBy(() -> greeter("g", env).withConfiguration(config).build(env))
        .isInstanceOf(IllegalConfigurationException.class)
        .hasMessageContaining("statefun.async.max-per-task");

    StatefulFunctionsConfig custom = StatefulFunctionsConfig.fromEnvironment(env);
    custom.setFactoryType(MessageFactoryType.WITH_CUSTOM_PAYLOADS);
    assertThatThrownBy(() -> greeter("h", env).withConfiguration(custom).build(env))
        .isInstanceOf(IllegalConfigurationException.class)
        .hasMessageContaining("statefun.message.custom-payload-serializer-class");
  }

  @Test
  void aMisspeltStatefunKeyAndAtLeastOnceCheckpointingFailTheBuild() {
    StreamExecutionEnvironment env = env(new Configuration());
    StatefulFunctionsConfig typo = StatefulFunctionsConfig.fromEnvironment(env);
    typo.set("statefun.local.max-batches", "8");
    assertThatThrownBy(() -> greeter("typo", env).withConfiguration(typo).build(env))
        .isInstanceOf(IllegalConfigurationException.class)
        .hasMessageContaining("did you mean statefun.local.max-batch?");

    StreamExecutionEnvironment atLeastOnce = env(new Configuration());
    atLeastOnce.enableCheckpointing(
        1000, org.apache.flink.core.execution.CheckpointingMode.AT_LEAST_ONCE);
    assertThatThrownBy(() -> greeter("alo", atLeastOnce).build(atLeastOnce))
        .isInstanceOf(IllegalConfigurationException.class)
        .hasMessageContaining("execution.checkpointing.mode");
  }

  @Test
  void batchModeAndStreamsOfAnotherEnvironmentAreRejected() {
    Configuration batch = new Configuration();
    batch.set(
        org.apache.flink.configuration.ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
    StreamExecutionEnvironment batchEnv = env(batch);
    assertThatThrownBy(() -> greeter("g", batchEnv).build(batchEnv))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("execution.runtime-mode is BATCH");

    StreamExecutionEnvironment one = env(new Configuration());
    StreamExecutionEnvironment other = env(new Configuration());
    assertThatThrownBy(() -> greeter("g", one).build(other))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("input stream 0 belongs to another StreamExecutionEnvironment");
  }

  @Test
  void anUnknownEgressNamesTheBoundOnes() {
    StreamExecutionEnvironment env = env(new Configuration());
    StatefulFunctionEgressStreams egresses = greeter("g", env).build(env);

    assertThatThrownBy(
            () ->
                egresses.getDataStreamForEgressId(
                    new EgressIdentifier<>("test", "missing", String.class)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("test/missing")
        .hasMessageContaining("test/out");
  }
}
