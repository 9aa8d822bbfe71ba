package io.statefun.testutil;

import io.statefun.sdk.metrics.Counter;
import io.statefun.sdk.metrics.Metrics;
import java.util.HashMap;
import java.util.Map;

/** User counters of the function type under test, readable by the test. */
final class RecordingMetrics implements Metrics {
  private final Map<String, long[]> counts = new HashMap<>();
  private final Map<String, Counter> counters = new HashMap<>();

  @Override
  public Counter counter(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("counter name must not be null or empty");
    }
    return counters.computeIfAbsent(name, this::newCounter);
  }

  long count(String name) {
    long[] count = counts.get(name);
    return count == null ? 0 : count[0];
  }

  private Counter newCounter(String name) {
    long[] count = counts.computeIfAbsent(name, n -> new long[1]);
    return new Counter() {
      @Override
      public void inc(long amount) {
        count[0] += amount;
      }

      @Override
      public void dec(long amount) {
        count[0] -= amount;
      }
    };
  }
}
