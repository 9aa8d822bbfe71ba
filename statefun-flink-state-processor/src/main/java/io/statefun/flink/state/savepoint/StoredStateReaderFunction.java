package io.statefun.flink.state.savepoint;

import io.statefun.flink.state.binding.RuntimeContextStateFactory;
import io.statefun.sdk.Address;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.State;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.util.Collector;

/**
 * Reads the given stored states of every address, with the serializers the savepoint was written
 * with, whatever function or runtime part they belong to. Needs no function classes, only the
 * classes of the values.
 */
public final class StoredStateReaderFunction
    extends KeyedStateReaderFunction<Address, StoredStateRecord> {
  private static final long serialVersionUID = 1L;

  private final List<StoredState> states;
  private transient List<State> registered;

  public StoredStateReaderFunction(List<StoredState> states) {
    this.states = new ArrayList<>(states);
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public void open(OpenContext openContext) {
    RuntimeContextStateFactory factory = new RuntimeContextStateFactory(getRuntimeContext());
    registered = new ArrayList<>();
    for (StoredState state : states) {
      registered.add(factory.create((StateDescriptor) state.descriptor()));
    }
  }

  @Override
  public void readKey(Address key, Context context, Collector<StoredStateRecord> out)
      throws Exception {
    for (int i = 0; i < states.size(); i++) {
      StoredState state = states.get(i);
      Object contents = state.read(registered.get(i));
      if (contents != null) {
        out.collect(
            new StoredStateRecord(
                key, state.name(), state.entries(contents), state.serialize(contents)));
      }
    }
  }
}
