package io.statefun.flink.core.functions;

import io.statefun.sdk.FunctionType;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.MetricGroup;

/**
 * A count of things a function type owns in one subtask (delayed messages pending, async operations
 * in flight), reported as a gauge {@code name} in the type's group next to its invocation metrics.
 * The gauge of a type is registered the first time something of that type is counted, also when
 * that is a restored timer or operation of a type not invoked yet in this attempt. Consecutive
 * counts mostly concern one type, so the last one is checked by identity before the map. Task
 * thread only; the reporter thread reads a plain field, so the gauge is approximate while it moves.
 */
final class CountsByType {
  private final MetricGroup functions;
  private final String name;
  private final Map<FunctionType, Count> byType = new HashMap<>();
  private FunctionType lastType;
  private Count last;

  /**
   * @param functions the operator's {@code functions} group, whose {@code <namespace>.<name>}
   *     subgroups hold the per-type metrics
   */
  CountsByType(MetricGroup functions, String name) {
    this.functions = functions;
    this.name = name;
  }

  void increment(FunctionType type) {
    of(type).value++;
  }

  void decrement(FunctionType type) {
    of(type).value--;
  }

  private Count of(FunctionType type) {
    if (type == lastType) {
      return last;
    }
    Count count = byType.get(type);
    if (count == null) {
      count = new Count();
      Count registered = count;
      functions
          .addGroup(type.namespace())
          .addGroup(type.name())
          .gauge(name, () -> registered.value);
      byType.put(type, count);
    }
    lastType = type;
    last = count;
    return count;
  }

  private static final class Count {
    long value;
  }
}
