package io.statefun.flink.state.binding;

import io.statefun.flink.core.state.KeyedStateFactory;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.State;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.api.common.state.ValueStateDescriptor;

/**
 * Keyed state from a rich function's runtime context (a State Processor API reader function), for
 * the three kinds of state function state is bound to.
 */
public final class RuntimeContextStateFactory implements KeyedStateFactory {
  private final RuntimeContext context;

  public RuntimeContextStateFactory(RuntimeContext context) {
    this.context = context;
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public <S extends State> S create(StateDescriptor<S, ?> descriptor) {
    if (descriptor instanceof ValueStateDescriptor) {
      return (S) context.getState((ValueStateDescriptor) descriptor);
    }
    if (descriptor instanceof MapStateDescriptor) {
      return (S) context.getMapState((MapStateDescriptor) descriptor);
    }
    if (descriptor instanceof ListStateDescriptor) {
      return (S) context.getListState((ListStateDescriptor) descriptor);
    }
    throw new IllegalArgumentException(
        "state " + descriptor.getName() + " is of an unsupported kind: " + descriptor.getType());
  }
}
