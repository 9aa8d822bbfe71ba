package io.statefun.flink.core.functions;

import io.statefun.sdk.metrics.Counter;
import io.statefun.sdk.metrics.Metrics;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.MetricGroup;

/** A function type's user metrics, registered in Flink's metric group of that type. */
final class FunctionMetrics implements Metrics {
  private final MetricGroup group;
  private final Map<String, Counter> counters = new HashMap<>();

  FunctionMetrics(MetricGroup group) {
    this.group = group;
  }

  @Override
  public Counter counter(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("metric name must not be null or empty");
    }
    return counters.computeIfAbsent(name, this::register);
  }

  private Counter register(String name) {
    org.apache.flink.metrics.Counter flink = group.counter(name);
    return new Counter() {
      @Override
      public void inc(long amount) {
        flink.inc(amount);
      }

      @Override
      public void dec(long amount) {
        flink.dec(amount);
      }
    };
  }
}
