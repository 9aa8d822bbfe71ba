package io.statefun.flink.core.functions;

import io.statefun.sdk.StatefulFunction;
import io.statefun.sdk.metrics.Metrics;

/** A loaded function type: its instance, with state bound, and its metrics. */
final class LiveFunction {
  final StatefulFunction function;
  final Metrics metrics;

  LiveFunction(StatefulFunction function, Metrics metrics) {
    this.function = function;
    this.metrics = metrics;
  }
}
