package io.statefun.flink.core.functions;

import io.statefun.flink.core.config.FailurePolicies;
import io.statefun.flink.core.config.FailurePolicy;
import io.statefun.flink.core.failure.UndoLog;
import io.statefun.flink.core.message.Message;
import io.statefun.flink.core.metrics.EdgeCounters;
import io.statefun.flink.core.state.FlinkStateBinder;
import io.statefun.flink.core.state.KeyedStateFactory;
import io.statefun.flink.core.state.PersistedStates;
import io.statefun.flink.core.universe.StatefulFunctionsUniverse;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.StatefulFunction;
import io.statefun.sdk.StatefulFunctionProvider;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.MetricGroup;

/**
 * The function instances of one subtask, one per function type, created on the first message for
 * that type with their state bound to the operator's keyed state.
 */
final class LiveFunctions {
  private final StatefulFunctionsUniverse universe;
  private final KeyedStateFactory states;
  private final MetricGroup metrics;
  private final Map<FunctionType, LiveFunction> byType = new HashMap<>();
  private FailurePolicies policies;
  private UndoLog undo;
  private FunctionType lastType;
  private LiveFunction last;

  LiveFunctions(StatefulFunctionsUniverse universe, KeyedStateFactory states, MetricGroup metrics) {
    this.universe = universe;
    this.states = states;
    this.metrics = metrics;
  }

  /**
   * Makes the functions of dead-letter types undoable: their state records into {@code undo}. Set
   * before the first message, only if some type has the dead-letter policy.
   */
  void undoFailuresWith(FailurePolicies policies, UndoLog undo) {
    this.policies = policies;
    this.undo = undo;
  }

  /**
   * @throws UnknownFunctionTypeException if no provider is bound for the message's target type
   */
  LiveFunction of(Message message) {
    FunctionType type = message.target().type();
    if (type == lastType) {
      // Consecutive messages mostly carry the same type instance: deserializers cache decoded
      // types, and functions send through their constants.
      return last;
    }
    LiveFunction live = byType.get(type);
    if (live == null) {
      live = load(type, message);
    }
    lastType = type;
    last = live;
    return live;
  }

  private LiveFunction load(FunctionType type, Message message) {
    StatefulFunctionProvider provider = universe.providerOf(type);
    if (provider == null) {
      throw new UnknownFunctionTypeException(type, message, universe.describeFunctions());
    }
    StatefulFunction function;
    try {
      function = provider.functionOfType(type);
    } catch (RuntimeException | LinkageError e) {
      // Typically a state declared with an invalid name in a field initializer.
      throw new IllegalStateException(
          "the provider of function type " + type + " failed to create the function: " + e, e);
    }
    if (function == null) {
      throw new IllegalStateException("the provider of function type " + type + " returned null");
    }
    boolean atomic = policies != null && policies.of(type) == FailurePolicy.DEAD_LETTER;
    PersistedStates.bind(type, function, new FlinkStateBinder(type, states, atomic ? undo : null));
    MetricGroup group = metrics.addGroup(type.namespace()).addGroup(type.name());
    LiveFunction live =
        new LiveFunction(
            function,
            new FunctionMetrics(group),
            new InvocationMetrics(group),
            new EdgeCounters(group),
            atomic);
    byType.put(type, live);
    return live;
  }
}
