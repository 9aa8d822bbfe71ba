package io.statefun.flink.harness.observe;

import io.statefun.flink.harness.chaos.FaultPlan;
import io.statefun.sdk.io.EgressIdentifier;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.annotation.Internal;

/** What one harness job shares with its tasks: metrics, faults and collected egress records. */
@Internal
public final class HarnessRun {
  private final String id = UUID.randomUUID().toString();
  private final LiveMetrics metrics = new LiveMetrics();
  private final CallGraphCollector callGraph = new CallGraphCollector();
  private final FaultPlan faults;
  private final Map<String, EgressCollector<?>> collectors = new ConcurrentHashMap<>();

  public HarnessRun(FaultPlan faults) {
    this.faults = faults;
    faults.attach(metrics);
  }

  public String id() {
    return id;
  }

  public LiveMetrics metrics() {
    return metrics;
  }

  public CallGraphCollector callGraph() {
    return callGraph;
  }

  public FaultPlan faults() {
    return faults;
  }

  /** The collector of {@code egress}, made on first use. */
  @SuppressWarnings("unchecked")
  public <T> EgressCollector<T> collector(EgressIdentifier<T> egress) {
    return (EgressCollector<T>)
        collectors.computeIfAbsent(collectorKey(egress), k -> new EgressCollector<>(egress));
  }

  /** The collector of {@code egress}, or null if none was configured. */
  @SuppressWarnings("unchecked")
  public <T> EgressCollector<T> collectorIfAny(EgressIdentifier<T> egress) {
    return (EgressCollector<T>) collectors.get(collectorKey(egress));
  }

  private static String collectorKey(EgressIdentifier<?> egress) {
    return egress.namespace() + "/" + egress.name();
  }
}
