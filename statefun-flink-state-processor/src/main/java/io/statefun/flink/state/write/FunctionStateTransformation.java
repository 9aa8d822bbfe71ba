package io.statefun.flink.state.write;

import io.statefun.flink.core.message.AddressTypeInfo;
import io.statefun.flink.state.FunctionProviders;
import io.statefun.flink.state.bootstrap.StateBootstrapFunctionProvider;
import io.statefun.flink.state.savepoint.StoredState;
import io.statefun.sdk.FunctionType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.state.api.OperatorTransformation;
import org.apache.flink.state.api.StateBootstrapTransformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.operators.SimpleOperatorFactory;

/**
 * The State Processor API transformation that writes the functions operator's keyed state from a
 * stream of {@link WriteRecord}s, keyed by target address with core's address serializer.
 */
public final class FunctionStateTransformation {
  private FunctionStateTransformation() {}

  /** The type information write records travel with. */
  public static TypeInformation<WriteRecord> recordType() {
    return TypeInformation.of(WriteRecord.class);
  }

  /**
   * @param maxParallelism the key groups to write: the max parallelism of the job that will start
   *     from the savepoint
   * @param functions the functions whose {@code @Persisted} fields declared states are written to
   * @param bootstrapFunctions the bootstrap functions of bootstrap records, by function type
   * @param copiedStates the stored states that copy records restore
   */
  public static StateBootstrapTransformation<WriteRecord> of(
      DataStream<WriteRecord> records,
      int maxParallelism,
      FunctionProviders functions,
      Map<FunctionType, StateBootstrapFunctionProvider> bootstrapFunctions,
      List<StoredState> copiedStates) {
    Map<FunctionType, StateBootstrapFunctionProvider> bootstrap =
        new LinkedHashMap<>(bootstrapFunctions);
    List<StoredState> copies = new ArrayList<>(copiedStates);
    return OperatorTransformation.bootstrapWith(records)
        .setMaxParallelism(maxParallelism)
        .keyBy(WriteRecord::target, AddressTypeInfo.INSTANCE)
        .transform(
            (timestamp, path) ->
                SimpleOperatorFactory.of(
                    new FunctionStateWriterOperator(
                        timestamp, path, functions, bootstrap, copies)));
  }
}
