package io.statefun.flink.state.read;

import io.statefun.flink.state.FunctionProviders;
import io.statefun.flink.state.FunctionStateEntry;
import io.statefun.flink.state.binding.BoundFunctionState;
import io.statefun.flink.state.binding.RuntimeContextStateFactory;
import io.statefun.sdk.Address;
import io.statefun.sdk.FunctionType;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.util.Collector;

/**
 * Reads one function type's state through the function's own {@code @Persisted} fields, bound as
 * the functions operator binds them (same names, serializers and TTL: expired values read as
 * absent). Emits one entry per address and state that holds something.
 */
public final class FunctionStateReaderFunction
    extends KeyedStateReaderFunction<Address, FunctionStateEntry> {
  private static final long serialVersionUID = 1L;

  private final FunctionType type;
  private final FunctionProviders functions;
  private transient BoundFunctionState state;

  public FunctionStateReaderFunction(FunctionType type, FunctionProviders functions) {
    this.type = type;
    this.functions = functions;
  }

  @Override
  public void open(OpenContext openContext) {
    state =
        BoundFunctionState.bind(
            type, functions.newFunction(type), new RuntimeContextStateFactory(getRuntimeContext()));
  }

  @Override
  public void readKey(Address key, Context context, Collector<FunctionStateEntry> out) {
    if (!key.type().equals(type)) {
      return; // another type whose Flink state names happen to overlap
    }
    for (String name : state.names()) {
      Object value = state.read(name);
      if (value != null) {
        out.collect(new FunctionStateEntry(key, name, value));
      }
    }
  }
}
