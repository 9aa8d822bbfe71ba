package io.statefun.flink.core.functions;

import io.statefun.sdk.StatefulFunction;
import io.statefun.sdk.metrics.Metrics;

/** A loaded function type: its instance, with state bound, and its metrics. */
final class LiveFunction {
  final StatefulFunction function;
  final Metrics metrics;

  /** Whether a failed invocation must leave no effect (the type's policy is dead-letter). */
  final boolean atomic;

  LiveFunction(StatefulFunction function, Metrics metrics) {
    this(function, metrics, false);
  }

  LiveFunction(StatefulFunction function, Metrics metrics, boolean atomic) {
    this.function = function;
    this.metrics = metrics;
    this.atomic = atomic;
  }
}
