package io.statefun.flink.harness.observe;

import org.apache.flink.annotation.Internal;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;

/**
 * Hands every metric of a harness job's MiniCluster to that job's {@link LiveMetrics} and {@link
 * CallGraphCollector}.
 */
@Internal
public final class HarnessMetricReporter implements MetricReporter {
  private final LiveMetrics metrics;
  private final CallGraphCollector callGraph;

  HarnessMetricReporter(HarnessRun run) {
    this.metrics = run.metrics();
    this.callGraph = run.callGraph();
  }

  @Override
  public void open(MetricConfig config) {}

  @Override
  public void close() {}

  @Override
  public void notifyOfAddedMetric(Metric metric, String metricName, MetricGroup group) {
    metrics.added(metric, metricName, group);
    callGraph.added(metric, metricName, group);
  }

  @Override
  public void notifyOfRemovedMetric(Metric metric, String metricName, MetricGroup group) {
    metrics.removed(metric);
  }
}
