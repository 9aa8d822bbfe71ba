package io.statefun.flink.core.functions;

import static io.statefun.flink.core.functions.TestFunctions.address;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.flink.core.config.StatefulFunctionsConfig;
import io.statefun.flink.core.functions.TestFunctions.Cmd;
import io.statefun.flink.core.message.AddressTypeInfo;
import io.statefun.flink.core.message.Message;
import io.statefun.flink.core.message.MessageTypeInfo;
import io.statefun.flink.core.translation.MessageTargetKeySelector;
import io.statefun.flink.core.universe.ModuleSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.Meter;
import org.apache.flink.metrics.Metric;
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
import org.apache.flink.streaming.runtime.tasks.mailbox.Mail;
import org.apache.flink.streaming.runtime.tasks.mailbox.TaskMailbox;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The function operator's metrics, registered in a real Flink metric group tree of one subtask
 * (Flink's keyed operator test harness on an environment whose metric registry records every
 * metric): invocations, failures, sampled latency and call-graph edges of a function type, and the
 * local queue depth.
 */
class FunctionGroupMetricsTest {
  private static final int MAX_PARALLELISM = 8;
  private static final String FN = "functions.operator-test.fn.";
  private static final String FN_TO_FN = FN + "to.operator-test/fn.messages";
  private static final String FN_TO_EGRESS = FN + "toEgress.operator-test/out.messages";

  /** Every registered metric, by its scope components and name joined with dots. */
  private final Map<String, Metric> registered = new ConcurrentHashMap<>();

  private MockEnvironment environment;
  private OneInputStreamOperatorTestHarness<Message, Message> harness;
  private KeyGroupRange keyGroups;

  @BeforeEach
  void open() throws Exception {
    TestFunctions.reset();
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
            Configuration.fromMap(Map.of("statefun.local.max-batch", "2")),
            getClass().getClassLoader());
    FunctionGroupOperatorFactory factory =
        new FunctionGroupOperatorFactory(
            "metrics-test-pipeline",
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
    harness.initializeEmptyState();
    harness.open();
    keyGroups = KeyGroupRangeAssignment.computeKeyGroupRangeForOperatorIndex(MAX_PARALLELISM, 2, 0);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
    environment.close();
  }

  private void process(String id, Cmd cmd) throws Exception {
    harness.processElement(new StreamRecord<>(new Message(null, address(id), cmd)));
  }

  private void runMails() throws Exception {
    TaskMailbox mailbox = harness.getTaskMailbox();
    Optional<Mail> mail;
    while ((mail = mailbox.tryTake(TaskMailbox.MIN_PRIORITY)).isPresent()) {
      mail.get().run();
    }
  }

  private Metric metric(String suffix) {
    List<Metric> found =
        registered.entrySet().stream()
            .filter(e -> e.getKey().endsWith(suffix))
            .map(Map.Entry::getValue)
            .toList();
    assertThat(found).as("metrics ending in %s among %s", suffix, registered.keySet()).hasSize(1);
    return found.get(0);
  }

  private long count(String suffix) {
    Metric metric = metric(suffix);
    if (metric instanceof Meter meter) {
      return meter.getCount();
    }
    if (metric instanceof Histogram histogram) {
      return histogram.getCount();
    }
    return ((Counter) metric).getCount();
  }

  private long gauge(String name) {
    return ((Number) ((Gauge<?>) metric("." + name)).getValue()).longValue();
  }

  @Test
  void invocationsEdgesAndFailuresOfAFunctionTypeAreCounted() throws Exception {
    String a = FunctionGroupHarness.idWhere(keyGroups, "a", true);
    String local = FunctionGroupHarness.idWhere(keyGroups, "local", true);
    String remote = FunctionGroupHarness.idWhere(keyGroups, "remote", false);

    process(a, Cmd.send(local, 5));
    // A batch of two local messages ran; three wait for the next mail.
    assertThat(gauge("localQueueDepth")).isEqualTo(3);
    runMails();
    assertThat(gauge("localQueueDepth")).isZero();
    process(a, Cmd.send(remote, 2));
    process(a, Cmd.egress("hello"));
    assertThatThrownBy(() -> process(a, new Cmd("no-such-command", "", 0)))
        .isInstanceOf(FunctionInvocationException.class);

    assertThat(count(FN + "invocations")).isEqualTo(1 + 5 + 1 + 1 + 1);
    assertThat(count(FN + "failures")).isEqualTo(1);
    assertThat(count(FN_TO_FN)).isEqualTo(5 + 2);
    assertThat(count(FN_TO_EGRESS)).isEqualTo(1);
    assertThat(harness.extractOutputValues()).hasSize(2);
  }

  @Test
  void everySixtyFourthInvocationIsTimed() throws Exception {
    String a = FunctionGroupHarness.idWhere(keyGroups, "a", true);
    for (int i = 0; i < 3 * InvocationMetrics.LATENCY_SAMPLE_EVERY - 1; i++) {
      process(a, Cmd.count());
    }
    assertThat(count(FN + "invocationDurationNanos")).isEqualTo(2);
    process(a, Cmd.count());
    assertThat(count(FN + "invocationDurationNanos")).isEqualTo(3);
    assertThat(((Histogram) metric(FN + "invocationDurationNanos")).getStatistics().getMin())
        .isPositive();
  }
}
