package io.statefun.flink.core.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.flink.core.config.StatefulFunctionsConfig;
import io.statefun.flink.core.feedback.FeedbackChannel;
import io.statefun.flink.core.message.AddressTypeInfo;
import io.statefun.flink.core.message.Message;
import io.statefun.flink.core.message.MessageTypeInfo;
import io.statefun.flink.core.translation.MessageTargetKeySelector;
import io.statefun.flink.core.universe.ModuleSet;
import io.statefun.sdk.Address;
import io.statefun.sdk.FunctionType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.groups.OperatorMetricGroup;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.clusterframework.types.ResourceID;
import org.apache.flink.runtime.executiongraph.ExecutionAttemptID;
import org.apache.flink.runtime.metrics.groups.TaskManagerMetricGroup;
import org.apache.flink.runtime.metrics.groups.TaskMetricGroup;
import org.apache.flink.runtime.metrics.util.TestingMetricRegistry;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.runtime.state.KeyGroupRange;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;

/**
 * One subtask of the function operator (hosting {@link TestFunctions}) in Flink's operator test
 * harness, keyed as the keyed harness configures it, on an environment whose metric registry
 * records every metric the operator registers: the metrics are read as a reporter reads them. It
 * can be restored from a checkpoint it took; each instance has its own registry.
 */
final class MeteredFunctionGroup implements AutoCloseable {
  static final int MAX_PARALLELISM = 8;
  static final String PIPELINE = "metered-test-pipeline";

  /** Every registered metric, by its scope components and name joined with dots. */
  private final Map<String, Metric> registered = new ConcurrentHashMap<>();

  private final MockEnvironment environment;
  final OneInputStreamOperatorTestHarness<Message, Message> harness;
  final KeyGroupRange keyGroups;

  private MeteredFunctionGroup(Map<String, String> settings, OperatorSubtaskState restored)
      throws Exception {
    TestingMetricRegistry registry =
        TestingMetricRegistry.builder()
            .setRegisterConsumer(
                (metric, name, group) ->
                    registered.put(
                        String.join(".", group.getScopeComponents()) + "." + name, metric))
            .build();
    TaskMetricGroup task =
        TaskManagerMetricGroup.createTaskManagerMetricGroup(
                registry, "localhost", ResourceID.generate())
            .addJob(new JobID(), "job")
            .addTask(ExecutionAttemptID.randomId(), "task");
    // Parallelism 2, subtask 0: sends to the other half of the key groups leave the subtask.
    environment =
        new MockEnvironmentBuilder()
            .setMaxParallelism(MAX_PARALLELISM)
            .setParallelism(2)
            .setSubtaskIndex(0)
            .setMetricGroup(task)
            .build();
    StatefulFunctionsConfig config =
        StatefulFunctionsConfig.fromFlinkConfiguration(
            Configuration.fromMap(settings), getClass().getClassLoader());
    FunctionGroupOperatorFactory factory =
        new FunctionGroupOperatorFactory(
            PIPELINE,
            ModuleSet.of(false, List.of(new TestFunctions.Module()), Map.of()),
            config,
            Map.of(TestFunctions.EGRESS, FunctionGroupHarness.EGRESS_TAG));
    ExecutionConfig executionConfig = environment.getExecutionConfig();
    harness =
        new OneInputStreamOperatorTestHarness<>(
            factory,
            new MessageTypeInfo(config.payloadSerializer())
                .createSerializer(executionConfig.getSerializerConfig()),
            environment);
    harness.getStreamConfig().setStatePartitioner(0, new MessageTargetKeySelector());
    harness
        .getStreamConfig()
        .setStateKeySerializer(
            AddressTypeInfo.INSTANCE.createSerializer(executionConfig.getSerializerConfig()));
    harness.getStreamConfig().serializeAllConfigs();
    if (restored == null) {
      harness.initializeEmptyState();
    } else {
      harness.initializeState(restored);
    }
    harness.open();
    keyGroups = KeyGroupRangeAssignment.computeKeyGroupRangeForOperatorIndex(MAX_PARALLELISM, 2, 0);
  }

  static MeteredFunctionGroup open(Map<String, String> settings) throws Exception {
    return new MeteredFunctionGroup(settings, null);
  }

  static MeteredFunctionGroup restore(Map<String, String> settings, OperatorSubtaskState state)
      throws Exception {
    return new MeteredFunctionGroup(settings, state);
  }

  /** An address of {@code type} in this subtask's key groups when {@code local}, else outside. */
  Address address(FunctionType type, String prefix, boolean local) {
    for (int i = 0; ; i++) {
      Address address = new Address(type, prefix + "-" + i);
      int keyGroup = KeyGroupRangeAssignment.assignToKeyGroup(address, MAX_PARALLELISM);
      if (keyGroups.contains(keyGroup) == local) {
        return address;
      }
    }
  }

  /**
   * A message from an ingress router, as the task's network input hands it over: counted in the
   * operator's {@code numRecordsIn} first.
   */
  void process(Address to, Object payload) throws Exception {
    OperatorMetricGroup operator = (OperatorMetricGroup) harness.getOperator().getMetricGroup();
    operator.getIOMetricGroup().getNumRecordsInCounter().inc();
    harness.processElement(new StreamRecord<>(new Message(null, to, payload)));
  }

  /** Runs every mail the operator scheduled, including the ones those schedule. */
  void runMails() throws Exception {
    FunctionGroupHarness.runMails(harness);
  }

  /** The channel the co-located feedback tail puts into. */
  FeedbackChannel<Object> feedbackChannel() {
    return FunctionGroupHarness.feedbackChannel(harness, PIPELINE);
  }

  /**
   * Takes checkpoint {@code id} as a task does: the snapshot, then {@code inFlight} (feedback
   * records sent before the cut, drained after the barrier, so logged), the tail's sentinel round
   * the loop, then the asynchronous part.
   */
  OperatorSubtaskState checkpoint(long id, List<Message> inFlight) throws Exception {
    return FunctionGroupHarness.checkpoint(harness, PIPELINE, id, inFlight);
  }

  /** The value of the operator-level gauge {@code name} (not one of a function type). */
  long operatorGauge(String name) {
    return gaugeValue(
        single(key -> key.endsWith("." + name) && !key.contains(".functions."), name));
  }

  /** The value of the gauge {@code name} in function type {@code type}'s group. */
  long typeGauge(FunctionType type, String name) {
    String suffix = typeSuffix(type, name);
    return gaugeValue(single(key -> key.endsWith(suffix), suffix));
  }

  /** The count of the counter {@code name} in function type {@code type}'s group. */
  long typeCounter(FunctionType type, String name) {
    String suffix = typeSuffix(type, name);
    return ((Counter) single(key -> key.endsWith(suffix), suffix)).getCount();
  }

  /** The count of the operator-level counter {@code name}. */
  long operatorCounter(String name) {
    return ((Counter) single(key -> key.endsWith("." + name) && !key.contains(".functions."), name))
        .getCount();
  }

  /** The one registered metric whose scope and name end in {@code suffix}. */
  Metric metricEndingIn(String suffix) {
    return single(key -> key.endsWith(suffix), "ending in " + suffix);
  }

  /** Whether function type {@code type}'s group has a metric {@code name}. */
  boolean typeHas(FunctionType type, String name) {
    String suffix = typeSuffix(type, name);
    return registered.keySet().stream().anyMatch(key -> key.endsWith(suffix));
  }

  private static String typeSuffix(FunctionType type, String name) {
    return ".functions." + type.namespace() + "." + type.name() + "." + name;
  }

  private Metric single(java.util.function.Predicate<String> which, String what) {
    List<Metric> found =
        registered.entrySet().stream()
            .filter(e -> which.test(e.getKey()))
            .map(Map.Entry::getValue)
            .toList();
    assertThat(found).as("metrics %s among %s", what, registered.keySet()).hasSize(1);
    return found.get(0);
  }

  private static long gaugeValue(Metric metric) {
    return ((Number) ((Gauge<?>) metric).getValue()).longValue();
  }

  @Override
  public void close() throws Exception {
    harness.close();
    environment.close();
  }
}
