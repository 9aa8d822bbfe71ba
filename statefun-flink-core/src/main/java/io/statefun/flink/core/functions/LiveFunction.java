package io.statefun.flink.core.functions;

import io.statefun.sdk.FunctionType;
import io.statefun.sdk.StatefulFunction;
import io.statefun.sdk.metrics.Metrics;

/** A loaded function type: its instance, with state bound, and its metrics. */
final class LiveFunction {
  final FunctionType type;
  final StatefulFunction function;
  final Metrics metrics;

  LiveFunction(FunctionType type, StatefulFunction function, Metrics metrics) {
    this.type = type;
    this.function = function;
    this.metrics = metrics;
  }
}
