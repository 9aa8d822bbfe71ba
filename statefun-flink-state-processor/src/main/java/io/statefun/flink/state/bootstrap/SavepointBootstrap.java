package io.statefun.flink.state.bootstrap;

import io.statefun.flink.core.translation.Uids;
import io.statefun.flink.state.FunctionProviders;
import io.statefun.flink.state.FunctionStateEntry;
import io.statefun.flink.state.write.FunctionStateTransformation;
import io.statefun.flink.state.write.WriteFailures;
import io.statefun.flink.state.write.WriteRecord;
import io.statefun.sdk.Address;
import io.statefun.sdk.FunctionType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.SavepointWriter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

/**
 * Writes a savepoint that a statefun job starts from (with {@code execution.state-recovery.path})
 * holding initial function state: per address and state name, or computed by per-type bootstrap
 * functions from bootstrap data. The savepoint holds only the functions operator's state; the job
 * then sees exactly that state, as if its functions had written it at the time of the bootstrap
 * (which is when the time to live of an expiring state starts).
 *
 * <pre>{@code
 * SavepointBootstrap.newSavepoint(env, 128)
 *     .withFunctions(FunctionProviders.of(new GreeterModule()))
 *     .withState(List.of(new FunctionStateEntry(new Address(GreeterFn.TYPE, "alice"), "visits", 3)))
 *     .write("file:///savepoints/initial");
 * }</pre>
 *
 * <p>The max parallelism must be the one the job runs with: its {@code pipeline.max-parallelism},
 * or else the value the job derives from its parallelism ({@link #defaultMaxParallelism}), which it
 * sets on the functions operator; a restore with another value fails.
 */
public final class SavepointBootstrap {
  private final StreamExecutionEnvironment env;
  private final int maxParallelism;
  private final List<DataStream<WriteRecord>> inputs = new ArrayList<>();
  private final Map<FunctionType, StateBootstrapFunctionProvider> bootstrapFunctions =
      new LinkedHashMap<>();
  private StateBackend backend = new HashMapStateBackend();
  private FunctionProviders functions;

  private SavepointBootstrap(StreamExecutionEnvironment env, int maxParallelism) {
    this.env = env;
    this.maxParallelism = maxParallelism;
  }

  /**
   * @throws IllegalArgumentException if {@code maxParallelism} is not between 1 and 32768
   */
  public static SavepointBootstrap newSavepoint(
      StreamExecutionEnvironment env, int maxParallelism) {
    if (maxParallelism < 1 || maxParallelism > 32768) {
      throw new IllegalArgumentException(
          "max parallelism must be between 1 and 32768, but was " + maxParallelism);
    }
    return new SavepointBootstrap(env, maxParallelism);
  }

  /**
   * The max parallelism of a job that runs at {@code parallelism} without {@code
   * pipeline.max-parallelism}: Flink's default, as the statefun pipeline derives it.
   */
  public static int defaultMaxParallelism(int parallelism) {
    return KeyGroupRangeAssignment.computeDefaultMaxParallelism(parallelism);
  }

  /** The backend that writes the (canonical) savepoint; hashmap unless set. */
  public SavepointBootstrap withStateBackend(StateBackend backend) {
    this.backend = backend;
    return this;
  }

  /** The application's functions, whose {@code @Persisted} fields state entries are written to. */
  public SavepointBootstrap withFunctions(FunctionProviders functions) {
    this.functions = functions;
    return this;
  }

  /** State entries: each sets one declared state of one address. */
  public SavepointBootstrap withState(DataStream<FunctionStateEntry> entries) {
    inputs.add(
        entries.map(
            (MapFunction<FunctionStateEntry, WriteRecord>) WriteRecord::entry,
            FunctionStateTransformation.recordType()));
    return this;
  }

  /** State entries from a collection. */
  public SavepointBootstrap withState(Collection<FunctionStateEntry> entries) {
    return withState(
        env.fromData(new ArrayList<>(entries), TypeInformation.of(FunctionStateEntry.class)));
  }

  /** The bootstrap function for the addresses of {@code type} that bootstrap data is routed to. */
  public SavepointBootstrap withStateBootstrapFunctionProvider(
      FunctionType type, StateBootstrapFunctionProvider provider) {
    if (bootstrapFunctions.putIfAbsent(type, provider) != null) {
      throw new IllegalArgumentException(
          "function type " + type + " already has a state bootstrap function provider");
    }
    return this;
  }

  /** Bootstrap data, routed to addresses whose bootstrap functions turn it into state. */
  public <T> SavepointBootstrap withBootstrapData(
      DataStream<T> data, BootstrapDataRouter<T> router) {
    inputs.add(
        data.flatMap(new Routing<>(router), FunctionStateTransformation.recordType())
            .name("statefun-bootstrap-router"));
    return this;
  }

  /**
   * Runs the bootstrap job and writes the savepoint to {@code path}.
   *
   * @throws IllegalStateException if nothing was added, or writing failed (an entry that does not
   *     fit its declared state, a failing bootstrap function), naming the cause
   */
  public void write(String path) throws Exception {
    if (inputs.isEmpty()) {
      throw new IllegalStateException("nothing to bootstrap: add state entries or bootstrap data");
    }
    DataStream<WriteRecord> records = inputs.get(0);
    for (DataStream<WriteRecord> more : inputs.subList(1, inputs.size())) {
      records = records.union(more);
    }
    FunctionProviders declared =
        functions != null ? functions : FunctionProviders.of(new NoFunctionsModule());
    SavepointWriter.newSavepoint(env, backend, maxParallelism)
        .withOperator(
            OperatorIdentifier.forUid(Uids.FUNCTIONS),
            FunctionStateTransformation.of(
                records, maxParallelism, declared, bootstrapFunctions, List.of()))
        .write(path);
    env.execute("statefun state bootstrap");
    WriteFailures.throwIfAny(path);
  }

  /** Applies the router; each forward is one bootstrap record for its target. */
  private static final class Routing<T> implements FlatMapFunction<T, WriteRecord> {
    private static final long serialVersionUID = 1L;
    private final BootstrapDataRouter<T> router;

    Routing(BootstrapDataRouter<T> router) {
      this.router = router;
    }

    @Override
    public void flatMap(T value, Collector<WriteRecord> out) {
      router.route(
          value,
          (Address to, Object message) -> {
            if (to == null || message == null) {
              throw new IllegalArgumentException(
                  "the bootstrap router forwarded a null address or record for " + value);
            }
            out.collect(WriteRecord.bootstrap(to, message));
          });
    }
  }
}
