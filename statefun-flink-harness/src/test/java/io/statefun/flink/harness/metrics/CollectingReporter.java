package io.statefun.flink.harness.metrics;

import io.statefun.flink.harness.Harness;
import io.statefun.sdk.FunctionType;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.Meter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * A Flink {@link MetricReporter} for tests: registered in a harness job's configuration, it keeps
 * every metric the job's tasks register, also after their task ended, so a test reads totals over
 * every subtask and every attempt of the jobs it ran.
 */
public final class CollectingReporter implements MetricReporter {
  private static final String NAME = "statefun-test";
  private static final String ID = "id";
  private static final String FUNCTIONS_GROUP = "functions";

  /**
   * The reporters of the running tests, by id: Flink creates reporters through a factory from the
   * configuration, which can carry only a string to find the test's instance by.
   */
  private static final Map<String, CollectingReporter> REPORTERS = new ConcurrentHashMap<>();

  private final String id = UUID.randomUUID().toString();
  private final Map<String, List<Metric>> metrics = new ConcurrentHashMap<>();

  /** Metrics outside any function type's group, by name. */
  private final Map<String, List<Metric>> operatorMetrics = new ConcurrentHashMap<>();

  /** Metrics of function types, by {@code namespace/name.metric}. */
  private final Map<String, List<Metric>> functionMetrics = new ConcurrentHashMap<>();

  private CollectingReporter() {}

  /** A new reporter; {@link #close()} it when the test ends. */
  public static CollectingReporter create() {
    CollectingReporter reporter = new CollectingReporter();
    REPORTERS.put(reporter.id, reporter);
    return reporter;
  }

  /** Registers this reporter in {@code harness}'s configuration. */
  public Harness addTo(Harness harness) {
    return harness
        .withConfiguration("metrics.reporter." + NAME + ".factory.class", Factory.class.getName())
        .withConfiguration("metrics.reporter." + NAME + "." + ID, id);
  }

  /** The sum of every counter registered under {@code name}. */
  public long sum(String name) {
    long sum = 0;
    for (Metric metric : metrics.getOrDefault(name, List.of())) {
      sum += ((Counter) metric).getCount();
    }
    return sum;
  }

  /** The largest value of the numeric gauges registered under {@code name}; 0 if none. */
  public long max(String name) {
    long max = 0;
    for (Metric metric : metrics.getOrDefault(name, List.of())) {
      max = Math.max(max, ((Number) ((Gauge<?>) metric).getValue()).longValue());
    }
    return max;
  }

  /** The sum of the numeric gauges registered under {@code name}. */
  public long gaugeSum(String name) {
    return gaugeSum(metrics.getOrDefault(name, List.of()));
  }

  /**
   * The sum of the numeric gauges registered under {@code name} outside the function types' groups
   * (an operator's own, where a function type has a gauge of the same name).
   */
  public long operatorGaugeSum(String name) {
    return gaugeSum(operatorMetrics.getOrDefault(name, List.of()));
  }

  /** How many metrics were registered under {@code name} outside the function types' groups. */
  public int operatorRegistrations(String name) {
    return operatorMetrics.getOrDefault(name, List.of()).size();
  }

  /**
   * The sum of the numeric gauges that function type {@code type}'s group registered as {@code
   * name}.
   */
  public long functionGaugeSum(FunctionType type, String name) {
    return gaugeSum(functionMetrics.getOrDefault(functionKey(type, name), List.of()));
  }

  private static long gaugeSum(List<Metric> gauges) {
    long sum = 0;
    for (Metric metric : gauges) {
      sum += ((Number) ((Gauge<?>) metric).getValue()).longValue();
    }
    return sum;
  }

  /**
   * The sum of the counts of every counter, meter or histogram (its sample count) that function
   * type {@code type}'s group registered under {@code name}.
   */
  public long functionCount(FunctionType type, String name) {
    long sum = 0;
    for (Metric metric : functionMetrics.getOrDefault(functionKey(type, name), List.of())) {
      if (metric instanceof Counter counter) {
        sum += counter.getCount();
      } else if (metric instanceof Meter meter) {
        sum += meter.getCount();
      } else {
        sum += ((Histogram) metric).getCount();
      }
    }
    return sum;
  }

  /** How many metrics function type {@code type}'s group registered under {@code name}. */
  public int functionRegistrations(FunctionType type, String name) {
    return functionMetrics.getOrDefault(functionKey(type, name), List.of()).size();
  }

  private static String functionKey(FunctionType type, String name) {
    return type.namespace() + "/" + type.name() + "." + name;
  }

  /** How many metrics were registered under {@code name}. */
  public int registrations(String name) {
    return metrics.getOrDefault(name, List.of()).size();
  }

  @Override
  public void open(MetricConfig config) {}

  /** Called by Flink when a job's cluster shuts down: what was collected stays readable. */
  @Override
  public void close() {}

  /** Unregisters this reporter; the test is over. */
  public void unregister() {
    REPORTERS.remove(id);
  }

  @Override
  public void notifyOfAddedMetric(Metric metric, String metricName, MetricGroup group) {
    metrics.computeIfAbsent(metricName, name -> new CopyOnWriteArrayList<>()).add(metric);
    String[] scope = group.getScopeComponents();
    // <operator scope>.functions.<namespace>.<name>.<metric>
    if (scope.length >= 3 && FUNCTIONS_GROUP.equals(scope[scope.length - 3])) {
      String key = scope[scope.length - 2] + "/" + scope[scope.length - 1] + "." + metricName;
      functionMetrics.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(metric);
    } else {
      operatorMetrics.computeIfAbsent(metricName, k -> new CopyOnWriteArrayList<>()).add(metric);
    }
  }

  @Override
  public void notifyOfRemovedMetric(Metric metric, String metricName, MetricGroup group) {
    // kept: a counter's final value still counts towards the totals
  }

  /** Hands Flink the reporter whose id the configuration names. */
  public static final class Factory implements MetricReporterFactory {
    @Override
    public MetricReporter createMetricReporter(Properties properties) {
      String id = properties.getProperty(ID);
      CollectingReporter reporter = REPORTERS.get(id);
      if (reporter == null) {
        throw new IllegalStateException("no test reporter with id " + id + " is registered");
      }
      return reporter;
    }
  }
}
