package io.statefun.flink.harness.metrics;

import io.statefun.flink.harness.Harness;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;
import org.apache.flink.traces.Span;
import org.apache.flink.traces.reporter.TraceReporter;
import org.apache.flink.traces.reporter.TraceReporterFactory;

/**
 * A Flink {@link TraceReporter} for tests: keeps the span the JobManager reports for every
 * checkpoint that completed or failed, with one child span per task, so a test can tell which
 * checkpoints were unaligned, how long they took and how much in-flight data each task persisted.
 * It also listens to metric registrations, only to learn which task (job vertex) id belongs to
 * which task name.
 */
public final class CheckpointTraces implements TraceReporter, MetricReporter {
  private static final String NAME = "statefun-checkpoints";
  private static final String ID = "id";

  /** The reporters of running tests by id; Flink's factory gets only the configuration's string. */
  private static final Map<String, CheckpointTraces> REPORTERS = new ConcurrentHashMap<>();

  /**
   * One checkpoint (or savepoint) as its span describes it.
   *
   * @param type Flink's name of the snapshot type: "Checkpoint", "Savepoint", "Terminate Savepoint"
   * @param persistedInFlightBytes in-flight records persisted by all tasks (unaligned only)
   * @param persistedInFlightBytesByTask the same per task, by job vertex id
   */
  public record Checkpoint(
      long id,
      String type,
      String status,
      boolean unaligned,
      long durationMillis,
      long persistedInFlightBytes,
      Map<String, Long> persistedInFlightBytesByTask) {
    public boolean completed() {
      return status.equals("COMPLETED");
    }

    public boolean savepoint() {
      return type.contains("Savepoint");
    }
  }

  private final String id = UUID.randomUUID().toString();
  private final List<Checkpoint> checkpoints = new CopyOnWriteArrayList<>();
  private final Map<String, Set<String>> taskIdsByName = new ConcurrentHashMap<>();

  private CheckpointTraces() {}

  /** A new reporter; {@link #unregister()} it when the test ends. */
  public static CheckpointTraces create() {
    CheckpointTraces traces = new CheckpointTraces();
    REPORTERS.put(traces.id, traces);
    return traces;
  }

  /** Registers this reporter in {@code harness}'s configuration. */
  public Harness addTo(Harness harness) {
    configuration().forEach(harness::withConfiguration);
    return harness;
  }

  /** The Flink settings that register this reporter. */
  public Map<String, String> configuration() {
    Map<String, String> settings = new HashMap<>();
    settings.put("traces.reporter." + NAME + ".factory.class", TraceFactory.class.getName());
    settings.put("traces.reporter." + NAME + "." + ID, id);
    settings.put("traces.checkpoint.span-detail-level", "CHILDREN_SPANS_PER_TASK");
    settings.put("metrics.reporter." + NAME + ".factory.class", MetricFactory.class.getName());
    settings.put("metrics.reporter." + NAME + "." + ID, id);
    return settings;
  }

  /** Every checkpoint reported so far (completed or failed), in report order. */
  public List<Checkpoint> all() {
    return new ArrayList<>(checkpoints);
  }

  /** The completed checkpoints (not savepoints). */
  public List<Checkpoint> completedCheckpoints() {
    return checkpoints.stream().filter(c -> c.completed() && !c.savepoint()).toList();
  }

  /** The completed checkpoints that were unaligned and persisted in-flight records. */
  public long unalignedWithInFlightData() {
    return checkpoints.stream()
        .filter(c -> c.completed() && c.unaligned() && c.persistedInFlightBytes() > 0)
        .count();
  }

  /** The job vertex ids of the tasks whose name starts with {@code prefix}, seen so far. */
  public Set<String> taskIds(String prefix) {
    Set<String> ids = new java.util.TreeSet<>();
    taskIdsByName.forEach(
        (name, taskIds) -> {
          if (name.startsWith(prefix)) {
            ids.addAll(taskIds);
          }
        });
    return ids;
  }

  public void unregister() {
    REPORTERS.remove(id);
  }

  @Override
  public void notifyOfAddedSpan(Span span) {
    if (!span.getName().equals("Checkpoint")) {
      return;
    }
    Map<String, Object> attributes = span.getAttributes();
    Map<String, Long> byTask = new HashMap<>();
    for (Span task : span.getChildren()) {
      Map<String, Object> taskAttributes = task.getAttributes();
      Object vertex = taskAttributes.get("jobVertexId");
      if (vertex != null) {
        byTask.put(vertex.toString(), number(taskAttributes, "sumPersistedDataBytes"));
      }
    }
    checkpoints.add(
        new Checkpoint(
            number(attributes, "checkpointId"),
            String.valueOf(attributes.get("checkpointType")),
            String.valueOf(attributes.get("checkpointStatus")),
            Boolean.parseBoolean(String.valueOf(attributes.get("isUnaligned"))),
            span.getEndTsMillis() - span.getStartTsMillis(),
            number(attributes, "sumPersistedDataBytes"),
            Map.copyOf(byTask)));
  }

  private static long number(Map<String, Object> attributes, String name) {
    Object value = attributes.get(name);
    if (value == null) {
      return 0; // a failed checkpoint may miss some
    }
    if (!(value instanceof Number number)) {
      throw new IllegalStateException("checkpoint span attribute " + name + " is " + value);
    }
    return number.longValue();
  }

  @Override
  public void notifyOfAddedMetric(Metric metric, String metricName, MetricGroup group) {
    Map<String, String> variables = group.getAllVariables();
    String task = variables.get("<task_name>");
    String taskId = variables.get("<task_id>");
    if (task != null && taskId != null) {
      taskIdsByName.computeIfAbsent(task, t -> ConcurrentHashMap.newKeySet()).add(taskId);
    }
  }

  @Override
  public void notifyOfRemovedMetric(Metric metric, String metricName, MetricGroup group) {}

  @Override
  public void open(MetricConfig config) {}

  @Override
  public void close() {}

  private static CheckpointTraces registered(Properties properties) {
    String id = properties.getProperty(ID);
    CheckpointTraces traces = REPORTERS.get(id);
    if (traces == null) {
      throw new IllegalStateException("no checkpoint trace reporter with id " + id);
    }
    return traces;
  }

  /** Hands Flink the reporter whose id the configuration names, for spans. */
  public static final class TraceFactory implements TraceReporterFactory {
    @Override
    public TraceReporter createTraceReporter(Properties properties) {
      return registered(properties);
    }
  }

  /** Hands Flink the same reporter, for metric registrations. */
  public static final class MetricFactory implements MetricReporterFactory {
    @Override
    public MetricReporter createMetricReporter(Properties properties) {
      return registered(properties);
    }
  }
}
