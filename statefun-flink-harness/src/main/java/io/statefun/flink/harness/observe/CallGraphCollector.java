package io.statefun.flink.harness.observe;

import io.statefun.flink.core.metrics.CallGraphMetrics;
import io.statefun.flink.harness.CallGraph;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.annotation.Internal;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;

/**
 * Rebuilds a harness job's {@link CallGraph} from the call-graph edge counters (see {@link
 * CallGraphMetrics}) that the job's metric reporter hands it. Counters of ended task attempts are
 * kept, so the graph covers every attempt.
 */
@Internal
public final class CallGraphCollector {
  private final List<Edge> edges = new CopyOnWriteArrayList<>();

  private record Edge(String from, String to, Counter messages) {}

  /** Keeps {@code metric} if it is an edge counter. */
  void added(Metric metric, String metricName, MetricGroup group) {
    if (!CallGraphMetrics.MESSAGES.equals(metricName) || !(metric instanceof Counter counter)) {
      return;
    }
    Map<String, String> variables = group.getAllVariables();
    String toFunction = variables.get(variable(CallGraphMetrics.TO_FUNCTION));
    String toEgress = variables.get(variable(CallGraphMetrics.TO_EGRESS));
    if (toFunction == null && toEgress == null) {
      return; // a user counter that happens to share the name
    }
    String to = toFunction != null ? toFunction : CallGraph.EGRESS + toEgress;
    String ingress = variables.get(variable(CallGraphMetrics.INGRESS));
    String from;
    if (ingress != null) {
      from = CallGraph.INGRESS + ingress;
    } else {
      // functions.<namespace>.<name>.<to|toEgress>.<target>
      String[] scope = group.getScopeComponents();
      from = scope[scope.length - 4] + "/" + scope[scope.length - 3];
    }
    edges.add(new Edge(from, to, counter));
  }

  private static String variable(String key) {
    return "<" + key + ">";
  }

  /** The call graph as the counters have it now. */
  public CallGraph callGraph() {
    Map<List<String>, Long> sums = new HashMap<>();
    for (Edge edge : edges) {
      sums.merge(List.of(edge.from, edge.to), edge.messages.getCount(), Long::sum);
    }
    List<CallGraph.Edge> result = new ArrayList<>();
    sums.forEach(
        (key, messages) -> result.add(new CallGraph.Edge(key.get(0), key.get(1), messages)));
    return new CallGraph(result);
  }
}
