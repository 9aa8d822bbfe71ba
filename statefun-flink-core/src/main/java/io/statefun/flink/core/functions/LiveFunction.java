package io.statefun.flink.core.functions;

import io.statefun.flink.core.metrics.EdgeCounters;
import io.statefun.sdk.StatefulFunction;
import io.statefun.sdk.metrics.Metrics;

/**
 * A loaded function type: its instance, with state bound, its user metrics, its invocation metrics
 * and the call-graph edges it sends along.
 */
final class LiveFunction {
  final StatefulFunction function;
  final Metrics metrics;
  final InvocationMetrics invocations;
  final EdgeCounters sent;

  /** Whether a failed invocation must leave no effect (the type's policy is dead-letter). */
  final boolean atomic;

  LiveFunction(
      StatefulFunction function,
      Metrics metrics,
      InvocationMetrics invocations,
      EdgeCounters sent,
      boolean atomic) {
    this.function = function;
    this.metrics = metrics;
    this.invocations = invocations;
    this.sent = sent;
    this.atomic = atomic;
  }
}
