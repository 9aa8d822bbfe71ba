package io.statefun.flink.harness.observe;

import java.util.Map;
import java.util.Properties;
import org.apache.flink.annotation.Internal;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * Made by Flink's metric registry from the MiniCluster configuration ({@link #configuration});
 * connects the reporter to the run named by the reporter's {@code run-id} property.
 */
@Internal
public final class HarnessMetricReporterFactory implements MetricReporterFactory {
  static final String REPORTER = "statefun_harness";
  static final String RUN_ID = "run-id";

  /** The configuration entries that install the reporter of {@code runId}. */
  public static Map<String, String> configuration(String runId) {
    String prefix = "metrics.reporter." + REPORTER + ".";
    return Map.of(
        prefix + "factory.class",
        HarnessMetricReporterFactory.class.getName(),
        prefix + RUN_ID,
        runId);
  }

  @Override
  public MetricReporter createMetricReporter(Properties properties) {
    String runId = properties.getProperty(RUN_ID);
    if (runId == null) {
      throw new IllegalArgumentException(
          "metrics.reporter." + REPORTER + "." + RUN_ID + " is not set: " + properties);
    }
    return new HarnessMetricReporter(HarnessRuns.get(runId));
  }
}
