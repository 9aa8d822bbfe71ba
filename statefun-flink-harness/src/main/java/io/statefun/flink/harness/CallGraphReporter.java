package io.statefun.flink.harness;

import io.statefun.flink.core.metrics.CallGraphMetrics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * The Flink {@link MetricReporter} a harness run registers to rebuild its {@link CallGraph} from
 * the call-graph edge counters (see {@link CallGraphMetrics}). Counters of ended tasks are kept, so
 * the graph covers every attempt.
 */
@Internal
public final class CallGraphReporter implements MetricReporter {
  private static final String NAME = "statefun-harness-call-graph";
  private static final String ID = "id";

  /**
   * Reporters whose MiniCluster is starting, by id: Flink creates reporters through a factory from
   * the configuration, which can carry only a string to find the instance by. An entry lives only
   * while its job is being submitted.
   */
  private static final Map<String, CallGraphReporter> STARTING = new ConcurrentHashMap<>();

  private final String id = UUID.randomUUID().toString();
  private final List<Edge> edges = new CopyOnWriteArrayList<>();

  private record Edge(String from, String to, Counter messages) {}

  /** Adds this reporter to {@code config} and makes it findable until {@link #started()}. */
  void addTo(Configuration config) {
    STARTING.put(id, this);
    config.setString("metrics.reporter." + NAME + ".factory.class", Factory.class.getName());
    config.setString("metrics.reporter." + NAME + "." + ID, id);
  }

  /** The job's cluster has created its reporters (or failed to start). */
  void started() {
    STARTING.remove(id);
  }

  /** The call graph as the counters have it now. */
  CallGraph callGraph() {
    Map<List<String>, Long> sums = new HashMap<>();
    for (Edge edge : edges) {
      sums.merge(List.of(edge.from, edge.to), edge.messages.getCount(), Long::sum);
    }
    List<CallGraph.Edge> result = new ArrayList<>();
    sums.forEach(
        (key, messages) -> result.add(new CallGraph.Edge(key.get(0), key.get(1), messages)));
    return new CallGraph(result);
  }

  @Override
  public void open(MetricConfig config) {}

  @Override
  public void close() {}

  @Override
  public void notifyOfAddedMetric(Metric metric, String metricName, MetricGroup group) {
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

  @Override
  public void notifyOfRemovedMetric(Metric metric, String metricName, MetricGroup group) {
    // kept: the final count of an ended task still belongs to the run
  }

  /** Hands Flink the reporter whose id the configuration names. */
  public static final class Factory implements MetricReporterFactory {
    @Override
    public MetricReporter createMetricReporter(Properties properties) {
      String id = properties.getProperty(ID);
      CallGraphReporter reporter = STARTING.get(id);
      if (reporter == null) {
        throw new IllegalStateException("no harness call-graph reporter with id " + id);
      }
      return reporter;
    }
  }
}
