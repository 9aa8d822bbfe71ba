package io.statefun.flink.harness.observe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.annotation.Internal;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Meter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;

/**
 * The metrics of one harness job as Flink's metric registry reports them (added when a task,
 * operator or job group registers them, removed when it closes): the live objects, read on demand.
 * Metrics of a task attempt that ended are gone, so counters read here belong to running tasks.
 */
@Internal
public final class LiveMetrics {
  /** Scope variable names, without Flink's angle brackets. */
  public static final String TASK = "task_name";

  public static final String OPERATOR = "operator_name";
  public static final String SUBTASK = "subtask_index";
  public static final String ATTEMPT = "task_attempt_num";

  /**
   * One registered metric.
   *
   * @param groups the scope components of its group, outermost first
   */
  public record Entry(
      String name,
      String identifier,
      Map<String, String> scope,
      List<String> groups,
      Metric metric) {
    /**
     * True for a metric in a function type's group ({@code functions.<namespace>.<name>} under the
     * functions operator), false for the operator's own.
     */
    public boolean ofFunctionType() {
      int size = groups.size();
      return size >= 3 && "functions".equals(groups.get(size - 3));
    }

    /** The value of a counter, meter (its count) or numeric gauge; -1 for anything else. */
    public long value() {
      if (metric instanceof Counter counter) {
        return counter.getCount();
      }
      if (metric instanceof Meter meter) {
        return meter.getCount();
      }
      if (metric instanceof Gauge<?> gauge && gauge.getValue() instanceof Number number) {
        return number.longValue();
      }
      return -1;
    }

    public String scope(String variable) {
      return scope.get(variable);
    }

    /** True for job-level metrics of the JobManager (no task in their scope). */
    public boolean jobLevel() {
      return !scope.containsKey(TASK);
    }
  }

  private final Map<Metric, Entry> entries = new ConcurrentHashMap<>();
  // Job-level metrics by name: read on hot paths (fault plans ask for the checkpoint count).
  private final Map<String, Entry> jobLevel = new ConcurrentHashMap<>();
  // What the counters of task attempts that ended had counted, by metric name.
  private final Map<String, Long> retired = new ConcurrentHashMap<>();

  void added(Metric metric, String name, MetricGroup group) {
    Map<String, String> scope = new HashMap<>();
    group.getAllVariables().forEach((k, v) -> scope.put(strip(k), v));
    Entry entry =
        new Entry(
            name,
            group.getMetricIdentifier(name),
            Map.copyOf(scope),
            List.of(group.getScopeComponents()),
            metric);
    entries.put(metric, entry);
    if (entry.jobLevel()) {
      jobLevel.put(name, entry);
    }
  }

  void removed(Metric metric) {
    Entry entry = entries.remove(metric);
    if (entry != null
        && !entry.jobLevel()
        && (metric instanceof Counter || metric instanceof Meter)) {
      retired.merge(entry.name(), entry.value(), Long::sum);
    }
    if (entry != null && entry.jobLevel()) {
      // Keep the last value: restarts and checkpoints stay readable after the job has ended.
      long last = entry.value();
      Gauge<Long> frozen = () -> last;
      jobLevel.replace(
          entry.name(),
          entry,
          new Entry(entry.name(), entry.identifier(), entry.scope(), entry.groups(), frozen));
    }
  }

  /** Every live metric called {@code name}. */
  public List<Entry> named(String name) {
    List<Entry> found = new ArrayList<>();
    for (Entry entry : entries.values()) {
      if (entry.name().equals(name)) {
        found.add(entry);
      }
    }
    return found;
  }

  /**
   * The sum of counter (or meter) {@code name} over the running task attempts and every attempt
   * that ended before: a figure of the whole run, across restarts.
   */
  public long total(String name) {
    long sum = retired.getOrDefault(name, 0L);
    for (Entry entry : named(name)) {
      if (!entry.jobLevel()
          && (entry.metric() instanceof Counter || entry.metric() instanceof Meter)) {
        sum += entry.value();
      }
    }
    return sum;
  }

  /** Every live metric. */
  public List<Entry> all() {
    return new ArrayList<>(entries.values());
  }

  /** The value of the JobManager's job-level metric {@code name}, or -1 if it is not there. */
  public long jobValue(String name) {
    Entry entry = jobLevel.get(name);
    return entry == null ? -1 : entry.value();
  }

  private static String strip(String variable) {
    return variable.startsWith("<") && variable.endsWith(">")
        ? variable.substring(1, variable.length() - 1)
        : variable;
  }
}
