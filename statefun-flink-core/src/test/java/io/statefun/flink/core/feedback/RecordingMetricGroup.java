package io.statefun.flink.core.feedback;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;

/**
 * A metric group that keeps every metric registered on it, so a test reads what the code under test
 * reported through Flink's metric API. Several loggers may register on one group: their counters
 * are summed, their gauges maximized.
 */
final class RecordingMetricGroup extends UnregisteredMetricsGroup {
  private final Map<String, List<Metric>> metrics = new ConcurrentHashMap<>();

  private <M extends Metric> M record(String name, M metric) {
    metrics.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>()).add(metric);
    return metric;
  }

  @Override
  public Counter counter(String name) {
    return record(name, new SimpleCounter());
  }

  @Override
  public <C extends Counter> C counter(String name, C counter) {
    return record(name, counter);
  }

  @Override
  public <T, G extends Gauge<T>> G gauge(String name, G gauge) {
    return record(name, gauge);
  }

  /** The sum of every counter registered as {@code name}; 0 if none was. */
  long count(String name) {
    long sum = 0;
    for (Metric metric : metrics.getOrDefault(name, List.of())) {
      sum += ((Counter) metric).getCount();
    }
    return sum;
  }

  /** The largest value of the numeric gauges registered as {@code name}; 0 if none was. */
  long max(String name) {
    long max = 0;
    for (Metric metric : metrics.getOrDefault(name, List.of())) {
      max = Math.max(max, ((Number) ((Gauge<?>) metric).getValue()).longValue());
    }
    return max;
  }
}
