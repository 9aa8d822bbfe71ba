package io.statefun.flink.core.translation;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.flink.core.config.StatefulFunctionsConfig;
import io.statefun.flink.core.universe.ModuleSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.jobgraph.IntermediateDataSet;
import org.apache.flink.runtime.jobgraph.JobEdge;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.NonChainedOutput;
import org.apache.flink.streaming.api.graph.StreamConfig;
import org.apache.flink.streaming.api.graph.StreamEdge;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * With unaligned checkpoints the function → feedback tail edge must stay aligned (see {@link
 * FeedbackEdge}), while the router → functions edges are unaligned. Checked on the stream graph and
 * on the job graph the cluster runs, where Flink reads each output's flag when it sends a barrier.
 */
class FeedbackEdgeAlignmentTest {
  private static final String TAIL = "statefun-feedback-tail";
  private static final String FUNCTIONS = "statefun-functions";
  private static final ClassLoader LOADER = FeedbackEdgeAlignmentTest.class.getClassLoader();

  private static StreamGraph streamGraph(boolean forced) {
    Configuration flink =
        Configuration.fromMap(
            Map.of(
                "execution.checkpointing.interval", "1 s",
                "execution.checkpointing.unaligned.enabled", "true",
                "execution.checkpointing.unaligned.forced", Boolean.toString(forced)));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
    env.setParallelism(2);
    StatefulFunctionsConfig config = StatefulFunctionsConfig.fromFlinkConfiguration(flink, LOADER);
    StatefulFunctionsPipeline.build(
        env,
        config,
        ModuleSet.of(false, List.of(new StatefulFunctionsPipelineTest.Module()), Map.of()),
        List.of());
    return env.getStreamGraph();
  }

  private static StreamNode node(StreamGraph graph, String name) {
    return graph.getStreamNodes().stream()
        .filter(n -> n.getOperatorName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no stream node " + name));
  }

  @ParameterizedTest(name = "unaligned.forced={0}")
  @ValueSource(booleans = {false, true})
  void onlyTheFeedbackEdgeIsAlignedInTheStreamGraph(boolean forced) {
    StreamGraph graph = streamGraph(forced);

    List<StreamEdge> intoTail = node(graph, TAIL).getInEdges();
    List<StreamEdge> intoFunctions = node(graph, FUNCTIONS).getInEdges();

    assertThat(intoTail).hasSize(1);
    assertThat(graph.getStreamNode(intoTail.get(0).getSourceId()).getOperatorName())
        .isEqualTo(FUNCTIONS);
    assertThat(intoTail).allSatisfy(e -> assertThat(e.supportsUnalignedCheckpoints()).isFalse());
    assertThat(intoFunctions).isNotEmpty();
    assertThat(intoFunctions)
        .allSatisfy(e -> assertThat(e.supportsUnalignedCheckpoints()).isTrue());
  }

  @ParameterizedTest(name = "unaligned.forced={0}")
  @ValueSource(booleans = {false, true})
  void theJobGraphSendsAlignedBarriersToTheTailAndUnalignedOnesToTheFunctions(boolean forced) {
    JobGraph job = streamGraph(forced).getJobGraph(LOADER);
    assertThat(
            job.getCheckpointingSettings()
                .getCheckpointCoordinatorConfiguration()
                .isUnalignedCheckpointsEnabled())
        .isTrue();

    JobVertex functions = vertexStartingWith(job, FUNCTIONS);
    JobVertex tail = vertexStartingWith(job, TAIL);
    List<String> checked = new ArrayList<>();
    for (JobVertex producer : job.getVertices()) {
      for (NonChainedOutput output :
          new StreamConfig(producer.getConfiguration()).getVertexNonChainedOutputs(LOADER)) {
        for (JobVertex consumer : consumers(producer, output)) {
          if (consumer == tail) {
            assertThat(producer).isSameAs(functions);
            assertThat(output.supportsUnalignedCheckpoints()).as("functions → tail").isFalse();
            checked.add("functions → tail");
          } else if (consumer == functions) {
            assertThat(output.supportsUnalignedCheckpoints())
                .as(producer.getName() + " → functions")
                .isTrue();
            checked.add("router → functions");
          }
        }
      }
    }
    assertThat(checked).contains("functions → tail", "router → functions");
    // The tail's input gate reads the same flag from its physical input edges.
    assertThat(new StreamConfig(tail.getConfiguration()).getInPhysicalEdges(LOADER))
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.supportsUnalignedCheckpoints()).isFalse());
  }

  private static JobVertex vertexStartingWith(JobGraph job, String name) {
    for (JobVertex vertex : job.getVertices()) {
      if (vertex.getName().startsWith(name)) {
        return vertex;
      }
    }
    throw new AssertionError("no job vertex " + name);
  }

  private static List<JobVertex> consumers(JobVertex producer, NonChainedOutput output) {
    List<JobVertex> consumers = new ArrayList<>();
    for (IntermediateDataSet dataSet : producer.getProducedDataSets()) {
      if (dataSet.getId().equals(output.getDataSetId())) {
        for (JobEdge edge : dataSet.getConsumers()) {
          consumers.add(edge.getTarget());
        }
      }
    }
    return consumers;
  }
}
