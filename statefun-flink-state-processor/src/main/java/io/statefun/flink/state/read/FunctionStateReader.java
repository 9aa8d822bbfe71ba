package io.statefun.flink.state.read;

import io.statefun.flink.core.message.AddressTypeInfo;
import io.statefun.flink.core.translation.Uids;
import io.statefun.flink.state.FunctionProviders;
import io.statefun.flink.state.FunctionStateEntry;
import io.statefun.flink.state.binding.DeclaredStates;
import io.statefun.sdk.Address;
import io.statefun.sdk.FunctionType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * Reads function state from a savepoint of a statefun job, per function type, as the functions
 * declare it.
 *
 * <pre>{@code
 * FunctionStateReader reader =
 *     FunctionStateReader.read(env, savepointPath, StateBackends.of("rocksdb"),
 *         FunctionProviders.serviceLoaded());
 * Map<Address, Object> visits = reader.values(GreeterFn.TYPE, "visits");
 * }</pre>
 */
public final class FunctionStateReader {
  private final SavepointReader savepoint;
  private final FunctionProviders functions;

  private FunctionStateReader(SavepointReader savepoint, FunctionProviders functions) {
    this.savepoint = savepoint;
    this.functions = functions;
  }

  public static FunctionStateReader read(
      StreamExecutionEnvironment env,
      String savepointPath,
      StateBackend backend,
      FunctionProviders functions)
      throws IOException {
    return new FunctionStateReader(SavepointReader.read(env, savepointPath, backend), functions);
  }

  /** Every state entry of every address of {@code type}, as a stream in {@code env}. */
  public DataStream<FunctionStateEntry> entries(FunctionType type) throws IOException {
    return savepoint.readKeyedState(
        OperatorIdentifier.forUid(Uids.FUNCTIONS),
        new FunctionStateReaderFunction(type, functions),
        AddressTypeInfo.INSTANCE,
        TypeInformation.of(FunctionStateEntry.class));
  }

  /** Runs a local read job and returns every state entry of {@code type}. */
  public List<FunctionStateEntry> list(FunctionType type) throws Exception {
    List<FunctionStateEntry> entries = new ArrayList<>();
    try (CloseableIterator<FunctionStateEntry> it =
        entries(type).executeAndCollect("statefun state read " + type)) {
      it.forEachRemaining(entries::add);
    }
    return entries;
  }

  /**
   * Runs a local read job and returns state {@code state} of every address of {@code type}.
   *
   * @throws IllegalArgumentException naming the declared states if the function declares no state
   *     {@code state}
   */
  public Map<Address, Object> values(FunctionType type, String state) throws Exception {
    List<String> declared = DeclaredStates.of(type, functions);
    if (!declared.contains(state)) {
      throw new IllegalArgumentException(
          "function type "
              + type
              + " declares no state named '"
              + state
              + "'; declared: "
              + declared);
    }
    Map<Address, Object> values = new LinkedHashMap<>();
    for (FunctionStateEntry entry : list(type)) {
      if (entry.state().equals(state)) {
        values.put(entry.address(), entry.value());
      }
    }
    return values;
  }
}
