package io.statefun.flink.core.translation;

import io.statefun.flink.core.config.StatefulFunctionsConfig;
import io.statefun.flink.core.feedback.FeedbackTailHook;
import io.statefun.flink.core.feedback.FeedbackTailOperatorFactory;
import io.statefun.flink.core.functions.FunctionGroupOperatorFactory;
import io.statefun.flink.core.io.IoSpecTranslators;
import io.statefun.flink.core.io.IoTranslationContext;
import io.statefun.flink.core.io.StreamEgressSpec;
import io.statefun.flink.core.message.AddressTypeInfo;
import io.statefun.flink.core.message.Message;
import io.statefun.flink.core.message.MessageTypeInfo;
import io.statefun.flink.core.universe.ModuleSet;
import io.statefun.flink.core.universe.StatefulFunctionsUniverse;
import io.statefun.sdk.io.DeadLetter;
import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.io.IngressSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.OutputTag;

/**
 * Assembles a statefun pipeline into a Flink job: ingress sources with their routers, one keyed
 * function operator for every function type, the feedback tail co-located with it, and one side
 * output per egress. Every entry point (the job's main, the harness) goes through here.
 */
@Internal
public final class StatefulFunctionsPipeline {
  private final StatefulFunctionsUniverse universe;
  private final SingleOutputStreamOperator<Message> functions;
  private final Map<EgressIdentifier<?>, DataStream<?>> egressStreams;

  private StatefulFunctionsPipeline(
      StatefulFunctionsUniverse universe,
      SingleOutputStreamOperator<Message> functions,
      Map<EgressIdentifier<?>, DataStream<?>> egressStreams) {
    this.universe = universe;
    this.functions = functions;
    this.egressStreams = egressStreams;
  }

  /**
   * Configures the modules, validates the bindings and adds the pipeline to {@code env}. Egresses
   * whose spec is a {@link StreamEgressSpec} get their sink; every egress's stream is available
   * from {@link #egressStream}.
   *
   * @param modules the modules and their overrides; every task builds its universe from them the
   *     same way this does
   * @param extraInputs already-routed messages from outside any ingress, keyed and delivered like
   *     the routers' output
   */
  public static StatefulFunctionsPipeline build(
      StreamExecutionEnvironment env,
      StatefulFunctionsConfig config,
      ModuleSet modules,
      List<DataStream<Message>> extraInputs) {
    return build(env, config, modules, extraInputs, null);
  }

  /**
   * Like {@link #build(StreamExecutionEnvironment, StatefulFunctionsConfig, ModuleSet, List)}, for
   * one of several pipelines in a job: {@code name} scopes the operator uids.
   *
   * @param name the pipeline's name, or null for the one pipeline of a job
   * @throws IllegalStateException if {@code env} already holds a pipeline of that name
   */
  public static StatefulFunctionsPipeline build(
      StreamExecutionEnvironment env,
      StatefulFunctionsConfig config,
      ModuleSet modules,
      List<DataStream<Message>> extraInputs,
      String name) {
    return build(env, config, modules, extraInputs, name, null);
  }

  /**
   * Like {@link #build(StreamExecutionEnvironment, StatefulFunctionsConfig, ModuleSet, List,
   * String)}, with a hook that sees every message the feedback tail receives (test kits).
   *
   * @param tailHook null for none
   */
  public static StatefulFunctionsPipeline build(
      StreamExecutionEnvironment env,
      StatefulFunctionsConfig config,
      ModuleSet modules,
      List<DataStream<Message>> extraInputs,
      String name,
      FeedbackTailHook tailHook) {
    String functionsUid = Uids.scoped(name, Uids.FUNCTIONS);
    for (org.apache.flink.api.dag.Transformation<?> existing : env.getTransformations()) {
      if (functionsUid.equals(existing.getUid())) {
        throw new IllegalStateException(
            (name == null ? "a statefun pipeline" : "a statefun pipeline named '" + name + "'")
                + " is already part of this job: give each pipeline of a job its own name");
      }
    }
    ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
    StatefulFunctionsUniverse universe = modules.universe(classLoader);
    String pipelineId = UUID.randomUUID().toString();

    MessageTypeInfo messageType = new MessageTypeInfo(config.payloadSerializer());
    long bufferTimeoutMs = config.bufferTimeout().toMillis();

    IoSpecTranslators translators =
        IoSpecTranslators.load(
            classLoader,
            new IoTranslationContext(config.jobName(), env, config.failurePolicies().ofIngress()));
    // Routers send their dead letters to a side output of their own, joined below with the
    // function operator's before the dead-letter egress's sink.
    OutputTag<Object> deadLetterTag =
        universe.egresses().containsKey(DeadLetter.EGRESS)
            ? EgressTags.of(DeadLetter.EGRESS, config.payloadSerializer())
            : null;
    List<DataStream<Object>> routerDeadLetters = new ArrayList<>();
    List<DataStream<Message>> inputs = new ArrayList<>(extraInputs);
    for (IngressSpec<?> spec : universe.ingresses().values()) {
      SingleOutputStreamOperator<Message> routed =
          IngressRoutes.route(
              env,
              spec,
              translators,
              modules,
              messageType,
              bufferTimeoutMs,
              name,
              config.failurePolicies().ofIngress(),
              deadLetterTag);
      inputs.add(routed);
      if (deadLetterTag != null) {
        routerDeadLetters.add(routed.getSideOutput(deadLetterTag));
      }
    }
    if (inputs.isEmpty()) {
      throw new IllegalStateException(
          "the statefun pipeline has no input: no module binds an ingress");
    }
    DataStream<Message> union = inputs.get(0);
    if (inputs.size() > 1) {
      union = union.union(inputs.subList(1, inputs.size()).toArray(new DataStream[0]));
    }

    Map<EgressIdentifier<?>, OutputTag<Object>> egressTags = new LinkedHashMap<>();
    for (EgressIdentifier<?> id : universe.egresses().keySet()) {
      egressTags.put(id, EgressTags.of(id, config.payloadSerializer()));
    }

    int parallelism = env.getParallelism();
    int maxParallelism =
        env.getMaxParallelism() > 0
            ? env.getMaxParallelism()
            : KeyGroupRangeAssignment.computeDefaultMaxParallelism(parallelism);
    String coLocation = "statefun-feedback-" + pipelineId;

    SingleOutputStreamOperator<Message> functions =
        union
            .keyBy(new MessageTargetKeySelector(), AddressTypeInfo.INSTANCE)
            .transform(
                name == null ? "statefun-functions" : "statefun-functions " + name,
                messageType,
                new FunctionGroupOperatorFactory(pipelineId, modules, config, egressTags))
            .uid(functionsUid)
            .setMaxParallelism(maxParallelism)
            .setBufferTimeout(config.feedbackBufferTimeout().toMillis());
    functions.getTransformation().setCoLocationGroupKey(coLocation);

    DataStream<Message> toTail = FeedbackEdge.toTail(functions, maxParallelism);
    SingleOutputStreamOperator<Void> tail =
        toTail
            .transform(
                name == null ? "statefun-feedback-tail" : "statefun-feedback-tail " + name,
                Types.VOID,
                new FeedbackTailOperatorFactory<Message>(pipelineId, config, tailHook))
            .uid(Uids.scoped(name, Uids.FEEDBACK_TAIL))
            .setParallelism(functions.getParallelism())
            .setMaxParallelism(maxParallelism);
    tail.getTransformation().setCoLocationGroupKey(coLocation);

    Map<EgressIdentifier<?>, DataStream<?>> egressStreams = new LinkedHashMap<>();
    for (Map.Entry<EgressIdentifier<?>, OutputTag<Object>> egress : egressTags.entrySet()) {
      DataStream<Object> stream = functions.getSideOutput(egress.getValue());
      if (egress.getKey().equals(DeadLetter.EGRESS) && !routerDeadLetters.isEmpty()) {
        stream = stream.union(routerDeadLetters.toArray(new DataStream[0]));
      }
      egressStreams.put(egress.getKey(), stream);
      StreamEgressSpec<?> spec = translators.egress(universe.egresses().get(egress.getKey()));
      if (spec != null) {
        attach(spec, stream, name);
      }
    }
    return new StatefulFunctionsPipeline(
        universe, functions, Collections.unmodifiableMap(egressStreams));
  }

  @SuppressWarnings("unchecked")
  private static <T> void attach(StreamEgressSpec<T> spec, DataStream<Object> stream, String name) {
    EgressIdentifier<T> id = spec.id();
    DataStreamSink<T> sink = spec.attach((DataStream<T>) (DataStream<?>) stream);
    sink.uid(Uids.scoped(name, Uids.egress(id))).name("egress " + id);
  }

  public StatefulFunctionsUniverse universe() {
    return universe;
  }

  /** The function operator's stream of remote messages. */
  public SingleOutputStreamOperator<Message> functions() {
    return functions;
  }

  /**
   * Everything functions send to {@code egress}.
   *
   * @throws IllegalArgumentException if no module binds it
   */
  @SuppressWarnings("unchecked")
  public <T> DataStream<T> egressStream(EgressIdentifier<T> egress) {
    DataStream<?> stream = egressStreams.get(egress);
    if (stream == null) {
      throw new IllegalArgumentException(
          "egress " + egress + " is not bound; bound: " + egressStreams.keySet());
    }
    return (DataStream<T>) stream;
  }
}
