package io.statefun.flink.harness.observe;

import io.statefun.flink.core.message.AddressTypeInfo;
import io.statefun.flink.core.state.FlinkStateBinder;
import io.statefun.flink.core.state.StateTypes;
import io.statefun.flink.core.translation.Uids;
import io.statefun.sdk.Address;
import io.statefun.sdk.FunctionType;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.typeutils.TupleTypeInfo;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;

/**
 * Reads function state out of a savepoint the harness took (canonical format, so any state
 * backend's), with Flink's State Processor API: no messages to the functions, no restore of the
 * job. Each read runs a small batch job on a local MiniCluster. A test kit's shortcut for one value
 * state by its class; {@code statefun-flink-state-processor}'s {@code FunctionStateReader} reads
 * every kind of state as the functions declare it.
 *
 * <pre>{@code
 * String savepoint = job.stopWithSavepoint(dir);
 * Map<Address, Integer> visits = SavedState.of(savepoint).values(GreeterFn.TYPE, "visits", Integer.class);
 * }</pre>
 */
public final class SavedState {
  private final String savepointPath;

  private SavedState(String savepointPath) {
    this.savepointPath = savepointPath;
  }

  public static SavedState of(String savepointPath) {
    if (savepointPath == null || savepointPath.isEmpty()) {
      throw new IllegalArgumentException("savepoint path must not be empty");
    }
    return new SavedState(savepointPath);
  }

  /**
   * The value state {@code state} of every address of {@code type} that has one.
   *
   * @param valueType the class the function declared the state with
   */
  public <T> Map<Address, T> values(FunctionType type, String state, Class<T> valueType)
      throws Exception {
    Configuration config = new Configuration();
    config.setString("rest.bind-port", "0");
    config.setString("parallelism.default", "1");
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
    SavepointReader reader = SavepointReader.read(env, savepointPath, new HashMapStateBackend());
    TypeInformation<Tuple2<String, T>> out =
        new TupleTypeInfo<>(Types.STRING, StateTypes.of(valueType));
    Map<Address, T> values = new HashMap<>();
    try (CloseableIterator<Tuple2<String, T>> entries =
        reader
            .readKeyedState(
                OperatorIdentifier.forUid(Uids.FUNCTIONS),
                new ValueReader<>(type, state, valueType),
                AddressTypeInfo.INSTANCE,
                out)
            .executeAndCollect("statefun-harness: read " + type + "." + state)) {
      while (entries.hasNext()) {
        Tuple2<String, T> entry = entries.next();
        values.put(new Address(type, entry.f0), entry.f1);
      }
    }
    return values;
  }

  /** Reads one state of every address of a type. */
  private static final class ValueReader<T>
      extends KeyedStateReaderFunction<Address, Tuple2<String, T>> {
    private static final long serialVersionUID = 1L;

    private final FunctionType type;
    private final String state;
    private final Class<T> valueType;
    private transient ValueState<T> value;

    ValueReader(FunctionType type, String state, Class<T> valueType) {
      this.type = type;
      this.state = state;
      this.valueType = valueType;
    }

    @Override
    public void open(OpenContext context) {
      value =
          getRuntimeContext()
              .getState(
                  new ValueStateDescriptor<>(
                      FlinkStateBinder.stateName(type, state), StateTypes.of(valueType)));
    }

    @Override
    public void readKey(Address key, Context context, Collector<Tuple2<String, T>> out)
        throws Exception {
      if (key.type().equals(type)) {
        T current = value.value();
        if (current != null) {
          out.collect(Tuple2.of(key.id(), current));
        }
      }
    }
  }
}
