package io.statefun.flink.core.metrics;

import io.statefun.sdk.FunctionType;
import io.statefun.sdk.io.EgressIdentifier;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * The outgoing call-graph edges of one sender (a function type or an ingress), one counter per
 * target, registered on the first message along the edge (see {@link CallGraphMetrics}). A sender
 * mostly sends to the same target as before, through the same identifier instance, so the last
 * target is checked by identity before any map lookup; counting allocates nothing once the edge
 * exists. Task thread only.
 */
@Internal
public final class EdgeCounters {
  private final MetricGroup sender;
  private final Map<FunctionType, Counter> toFunctions = new HashMap<>();
  private final Map<EgressIdentifier<?>, Counter> toEgresses = new HashMap<>();
  private FunctionType lastFunction;
  private Counter lastFunctionEdge;
  private EgressIdentifier<?> lastEgress;
  private Counter lastEgressEdge;

  /**
   * @param sender the metric group of the sender, under which the edge groups are added
   */
  public EdgeCounters(MetricGroup sender) {
    this.sender = sender;
  }

  /** Counts a message to a function of {@code target}. */
  public void sentTo(FunctionType target) {
    if (target != lastFunction) {
      Counter edge = toFunctions.get(target);
      if (edge == null) {
        edge =
            sender
                .addGroup(CallGraphMetrics.TO_FUNCTION, CallGraphMetrics.nameOf(target))
                .counter(CallGraphMetrics.MESSAGES);
        toFunctions.put(target, edge);
      }
      lastFunction = target;
      lastFunctionEdge = edge;
    }
    lastFunctionEdge.inc();
  }

  /** Counts a record to {@code egress}. */
  public void sentTo(EgressIdentifier<?> egress) {
    if (egress != lastEgress) {
      Counter edge = toEgresses.get(egress);
      if (edge == null) {
        edge =
            sender
                .addGroup(CallGraphMetrics.TO_EGRESS, CallGraphMetrics.nameOf(egress))
                .counter(CallGraphMetrics.MESSAGES);
        toEgresses.put(egress, edge);
      }
      lastEgress = egress;
      lastEgressEdge = edge;
    }
    lastEgressEdge.inc();
  }
}
