package io.statefun.flink.datastream;

import io.statefun.flink.core.StatefulFunctionsConfig;
import io.statefun.flink.core.message.Message;
import io.statefun.flink.core.message.MessageTypeInfo;
import io.statefun.flink.core.message.RoutableMessage;
import io.statefun.flink.core.translation.StatefulFunctionsPipeline;
import io.statefun.flink.core.universe.ModuleSet;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.FunctionTypeNamespaceMatcher;
import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.transformations.WithBoundedness;
import org.apache.flink.util.InstantiationUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds stateful functions to a DataStream program: streams of {@link RoutableMessage}s go in, the
 * egresses come out as streams. The functions run in the same pipeline as a statefun job's (one
 * keyed operator, the feedback loop, exactly-once across it), with the environment's parallelism,
 * maximum parallelism, state backend and checkpointing.
 *
 * <pre>{@code
 * DataStream<RoutableMessage> names =
 *     env.fromSource(source, WatermarkStrategy.noWatermarks(), "names")
 *         .map(name -> RoutableMessageBuilder.builder()
 *             .withTargetAddress(GreeterFn.TYPE, name)
 *             .withMessageBody(name)
 *             .build());
 * StatefulFunctionEgressStreams out =
 *     StatefulFunctionDataStreamBuilder.builder("greeter")
 *         .withDataStreamAsIngress(names)
 *         .withFunctionProvider(GreeterFn.TYPE, type -> new GreeterFn())
 *         .withEgressId(GREETINGS)
 *         .build(env);
 * out.getDataStreamForEgressId(GREETINGS).sinkTo(sink);
 * }</pre>
 *
 * <p>The name scopes the pipeline's operator uids, so several builders can share one job, and a job
 * restores from a savepoint only under the same names.
 */
public final class StatefulFunctionDataStreamBuilder {
  private static final Logger LOG =
      LoggerFactory.getLogger(StatefulFunctionDataStreamBuilder.class);

  private final String name;
  private final List<DataStream<RoutableMessage>> ingresses = new ArrayList<>();
  private final Map<FunctionType, SerializableStatefulFunctionProvider> functions =
      new LinkedHashMap<>();
  private final Map<FunctionTypeNamespaceMatcher, SerializableStatefulFunctionProvider> namespaces =
      new LinkedHashMap<>();
  private final Set<EgressIdentifier<?>> egresses = new LinkedHashSet<>();
  private final List<StatefulFunctionModule> modules = new ArrayList<>();
  private boolean serviceLoaderModules;
  private StatefulFunctionsConfig config;

  private StatefulFunctionDataStreamBuilder(String name) {
    this.name = name;
  }

  /**
   * @param pipelineName unique within the job; part of every operator uid of the pipeline
   */
  public static StatefulFunctionDataStreamBuilder builder(String pipelineName) {
    if (pipelineName == null || pipelineName.isBlank()) {
      throw new IllegalArgumentException("a statefun pipeline needs a non-empty name");
    }
    return new StatefulFunctionDataStreamBuilder(pipelineName);
  }

  /** Delivers every message of {@code ingress} to its target function. */
  public StatefulFunctionDataStreamBuilder withDataStreamAsIngress(
      DataStream<RoutableMessage> ingress) {
    ingresses.add(Objects.requireNonNull(ingress, "ingress stream"));
    return this;
  }

  /**
   * Binds {@code type} to {@code provider}.
   *
   * @throws IllegalStateException if {@code type} is already bound
   * @throws IllegalArgumentException if {@code provider} cannot be serialized
   */
  public StatefulFunctionDataStreamBuilder withFunctionProvider(
      FunctionType type, SerializableStatefulFunctionProvider provider) {
    Objects.requireNonNull(type, "function type");
    requireSerializable(provider, "function type " + type);
    if (functions.putIfAbsent(type, provider) != null) {
      throw new IllegalStateException(
          "function type " + type + " is bound twice in statefun pipeline '" + name + "'");
    }
    return this;
  }

  /**
   * Binds every function type of a namespace without a provider of its own to {@code provider}.
   *
   * @throws IllegalStateException if the namespace is already bound
   * @throws IllegalArgumentException if {@code provider} cannot be serialized
   */
  public StatefulFunctionDataStreamBuilder withFunctionProvider(
      FunctionTypeNamespaceMatcher namespace, SerializableStatefulFunctionProvider provider) {
    Objects.requireNonNull(namespace, "namespace matcher");
    requireSerializable(provider, "function namespace " + namespace.namespace() + "/*");
    if (namespaces.putIfAbsent(namespace, provider) != null) {
      throw new IllegalStateException(
          "function namespace "
              + namespace.namespace()
              + "/* is bound twice in statefun pipeline '"
              + name
              + "'");
    }
    return this;
  }

  /**
   * Makes {@code egress} a stream of the program: see {@link
   * StatefulFunctionEgressStreams#getDataStreamForEgressId}.
   *
   * @throws IllegalStateException if it is already registered
   */
  public StatefulFunctionDataStreamBuilder withEgressId(EgressIdentifier<?> egress) {
    Objects.requireNonNull(egress, "egress id");
    if (!egresses.add(egress)) {
      throw new IllegalStateException(
          "egress " + egress + " is registered twice in statefun pipeline '" + name + "'");
    }
    return this;
  }

  /** The {@code statefun.*} settings; {@link StatefulFunctionsConfig#fromEnvironment} if unset. */
  public StatefulFunctionDataStreamBuilder withConfiguration(StatefulFunctionsConfig config) {
    this.config = Objects.requireNonNull(config, "configuration");
    return this;
  }

  /**
   * Mixes in a module: its ingresses, routers, functions and egresses join the pipeline. It must be
   * serializable.
   */
  public StatefulFunctionDataStreamBuilder withModule(StatefulFunctionModule module) {
    modules.add(Objects.requireNonNull(module, "module"));
    return this;
  }

  /**
   * Whether the modules the {@link java.util.ServiceLoader} finds join the pipeline too (default
   * no: a DataStream program says what it runs).
   */
  public StatefulFunctionDataStreamBuilder withServiceLoaderModules(boolean enabled) {
    this.serviceLoaderModules = enabled;
    return this;
  }

  /**
   * Adds the pipeline to {@code env}'s job.
   *
   * @throws org.apache.flink.configuration.IllegalConfigurationException naming the key of an
   *     invalid setting
   * @throws IllegalStateException if the pipeline has no input, its name is taken in this job, or
   *     the environment runs in batch mode
   * @throws IllegalArgumentException if an input stream belongs to another environment
   */
  public StatefulFunctionEgressStreams build(StreamExecutionEnvironment env) {
    Objects.requireNonNull(env, "environment");
    if (env.getConfiguration().get(ExecutionOptions.RUNTIME_MODE) == RuntimeExecutionMode.BATCH) {
      throw new IllegalStateException(
          "statefun pipeline '"
              + name
              + "': execution.runtime-mode is BATCH, but stateful functions run only as a"
              + " streaming job");
    }
    if (ingresses.isEmpty() && modules.isEmpty() && !serviceLoaderModules) {
      throw new IllegalStateException(
          "statefun pipeline '"
              + name
              + "' has no input: add a stream with withDataStreamAsIngress");
    }
    for (int i = 0; i < ingresses.size(); i++) {
      checkInput(env, i, ingresses.get(i));
    }
    ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
    StatefulFunctionsConfig settings =
        config != null ? config : StatefulFunctionsConfig.fromEnvironment(env);
    io.statefun.flink.core.config.StatefulFunctionsConfig resolved =
        settings.resolve(env.getConfiguration(), classLoader);

    List<StatefulFunctionModule> all = new ArrayList<>();
    all.add(new DataStreamBindings(functions, namespaces, new ArrayList<>(egresses)));
    all.addAll(modules);
    ModuleSet moduleSet = ModuleSet.of(serviceLoaderModules, all, resolved.globalConfig());

    MessageTypeInfo messageType = new MessageTypeInfo(resolved.payloadSerializer());
    List<DataStream<Message>> inputs = new ArrayList<>();
    for (int i = 0; i < ingresses.size(); i++) {
      DataStream<RoutableMessage> ingress = ingresses.get(i);
      inputs.add(
          ingress
              .map(new ToMessage(), messageType)
              .name("statefun " + name + " input " + i)
              .uid(inputUid(i))
              .setParallelism(ingress.getParallelism())
              .setBufferTimeout(resolved.bufferTimeout().toMillis()));
    }
    StatefulFunctionsPipeline pipeline =
        StatefulFunctionsPipeline.build(env, resolved, moduleSet, inputs, name);
    return new StatefulFunctionEgressStreams(pipeline);
  }

  private void checkInput(StreamExecutionEnvironment env, int index, DataStream<?> input) {
    if (input.getExecutionEnvironment() != env) {
      throw new IllegalArgumentException(
          "statefun pipeline '"
              + name
              + "': input stream "
              + index
              + " belongs to another StreamExecutionEnvironment than the one it is built into");
    }
    for (Transformation<?> upstream : input.getTransformation().getTransitivePredecessors()) {
      if (upstream instanceof WithBoundedness
          && ((WithBoundedness) upstream).getBoundedness() == Boundedness.BOUNDED) {
        // Not an error: Flink's own generator declares itself bounded even with an endless count.
        LOG.warn(
            "statefun pipeline '{}': input stream {} reads '{}', a source that declares itself"
                + " bounded. If it ends, Flink finishes the job and messages still travelling"
                + " between functions are lost.",
            name,
            index,
            upstream.getName());
      }
    }
  }

  private String inputUid(int index) {
    return "statefun-pipeline/"
        + name.replace("%", "%25").replace("/", "%2F")
        + "/statefun-datastream-input/"
        + index;
  }

  private static void requireSerializable(Object provider, String boundTo) {
    Objects.requireNonNull(provider, () -> "provider of " + boundTo);
    if (!InstantiationUtil.isSerializable(provider)) {
      throw new IllegalArgumentException(
          "the provider of "
              + boundTo
              + " ("
              + provider.getClass().getName()
              + ") cannot be serialized, so it cannot reach the task managers: it, and"
              + " everything it captures, must be java.io.Serializable");
    }
  }
}
