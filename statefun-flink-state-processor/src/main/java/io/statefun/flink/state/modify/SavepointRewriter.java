package io.statefun.flink.state.modify;

import io.statefun.flink.core.config.StatefulFunctionsConfig;
import io.statefun.flink.core.message.AddressTypeInfo;
import io.statefun.flink.core.message.Message;
import io.statefun.flink.core.message.MessageSerializer;
import io.statefun.flink.core.state.FlinkStateBinder;
import io.statefun.flink.core.translation.Uids;
import io.statefun.flink.state.FunctionProviders;
import io.statefun.flink.state.FunctionStateEntry;
import io.statefun.flink.state.binding.DeclaredStates;
import io.statefun.flink.state.read.FunctionStateReaderFunction;
import io.statefun.flink.state.savepoint.FeedbackLogContents;
import io.statefun.flink.state.savepoint.FunctionsOperatorSnapshot;
import io.statefun.flink.state.savepoint.StoredState;
import io.statefun.flink.state.savepoint.StoredStateReaderFunction;
import io.statefun.flink.state.savepoint.StoredStateRecord;
import io.statefun.flink.state.write.FunctionStateTransformation;
import io.statefun.flink.state.write.WriteFailures;
import io.statefun.flink.state.write.WriteRecord;
import io.statefun.sdk.FunctionType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.state.api.SavepointWriter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Writes a copy of a statefun savepoint in which the state of one function type is rewritten (a
 * migration of a value, a new state layout) and everything else is kept: the other function types'
 * state and the runtime's own (pending delayed messages with their timers, async operations in
 * flight) byte for byte, TTL timestamps included, and every other operator's state as it was.
 *
 * <p>The functions operator also keeps a feedback log of the messages in flight in the loop, in raw
 * keyed state, which the State Processor API cannot carry over: a savepoint whose log is not empty
 * is refused (see {@link FeedbackLogNotEmptyException}).
 *
 * <pre>{@code
 * SavepointRewriter.of(env, oldPath, StateBackends.of("rocksdb"))
 *     .rewrite(CounterFn.TYPE, oldFunctions, newFunctions, (entry, out) -> ...)
 *     .write(newPath);
 * }</pre>
 */
public final class SavepointRewriter {
  private final StreamExecutionEnvironment env;
  private final String path;
  private final StateBackend backend;
  private final Configuration statefunConfig = new Configuration();
  private FunctionType type;
  private FunctionProviders readWith;
  private FunctionProviders writeWith;
  private FlatMapFunction<FunctionStateEntry, FunctionStateEntry> migration;

  private SavepointRewriter(StreamExecutionEnvironment env, String path, StateBackend backend) {
    this.env = env;
    this.path = path;
    this.backend = backend;
  }

  public static SavepointRewriter of(
      StreamExecutionEnvironment env, String savepointPath, StateBackend backend) {
    return new SavepointRewriter(env, savepointPath, backend);
  }

  /**
   * The job's {@code statefun.*} configuration, for the message serializer that reads the feedback
   * log (only {@code statefun.message.serializer} matters here).
   */
  public SavepointRewriter withStatefunConfiguration(String key, String value) {
    statefunConfig.setString(key, value);
    return this;
  }

  /**
   * Rewrites the state of {@code type}: each entry read through the functions of {@code readWith}
   * (the application as it wrote the savepoint) goes through {@code migration}, and what it emits
   * is written through the functions of {@code writeWith} (the application that will restore).
   */
  public SavepointRewriter rewrite(
      FunctionType type,
      FunctionProviders readWith,
      FunctionProviders writeWith,
      FlatMapFunction<FunctionStateEntry, FunctionStateEntry> migration) {
    this.type = type;
    this.readWith = readWith;
    this.writeWith = writeWith;
    this.migration = migration;
    return this;
  }

  /**
   * Runs the rewrite as a local job and writes the new savepoint to {@code newPath}.
   *
   * @throws FeedbackLogNotEmptyException if messages were in flight in the savepoint's loop
   * @throws IllegalArgumentException naming the state if the savepoint holds a state of the type
   *     that its reading function does not declare (it would be dropped)
   */
  public void write(String newPath) throws Exception {
    if (type == null) {
      throw new IllegalStateException("nothing to rewrite: call rewrite(...) first");
    }
    ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
    FunctionsOperatorSnapshot snapshot = FunctionsOperatorSnapshot.load(path, classLoader);
    requireEmptyFeedbackLog(snapshot, classLoader);

    String prefix = FlinkStateBinder.stateName(type, "");
    List<StoredState> kept = new ArrayList<>();
    List<String> rewritten = new ArrayList<>();
    for (StoredState state : snapshot.states().values()) {
      if (state.name().startsWith(prefix)) {
        rewritten.add(state.name().substring(prefix.length()));
      } else {
        kept.add(state);
      }
    }
    requireDeclared(rewritten);

    OperatorIdentifier functions = OperatorIdentifier.forUid(Uids.FUNCTIONS);
    SavepointReader reader = SavepointReader.read(env, path, backend);
    DataStream<WriteRecord> records =
        reader
            .readKeyedState(
                functions,
                new FunctionStateReaderFunction(type, readWith),
                AddressTypeInfo.INSTANCE,
                TypeInformation.of(FunctionStateEntry.class))
            .flatMap(migration, TypeInformation.of(FunctionStateEntry.class))
            .name("statefun-migration " + type)
            .map(
                (MapFunction<FunctionStateEntry, WriteRecord>) WriteRecord::entry,
                FunctionStateTransformation.recordType());
    if (!kept.isEmpty()) {
      records =
          records.union(
              reader
                  .readKeyedState(
                      functions,
                      new StoredStateReaderFunction(kept),
                      AddressTypeInfo.INSTANCE,
                      TypeInformation.of(StoredStateRecord.class))
                  .map(
                      (MapFunction<StoredStateRecord, WriteRecord>)
                          r -> WriteRecord.copy(r.address(), r.state(), r.bytes()),
                      FunctionStateTransformation.recordType()));
    }
    SavepointWriter.fromExistingSavepoint(env, path, backend)
        .removeOperator(functions)
        .withOperator(
            functions,
            FunctionStateTransformation.of(
                records, snapshot.maxParallelism(), writeWith, Map.of(), kept))
        .write(newPath);
    env.execute("statefun state rewrite " + type);
    WriteFailures.throwIfAny(newPath);
  }

  private void requireEmptyFeedbackLog(FunctionsOperatorSnapshot snapshot, ClassLoader classLoader)
      throws IOException {
    StatefulFunctionsConfig config =
        StatefulFunctionsConfig.fromFlinkConfiguration(statefunConfig, classLoader);
    MessageSerializer serializer =
        new MessageSerializer(
            config.payloadSerializer(), new ExecutionConfig().getSerializerConfig());
    String advice =
        "; rewriting the functions operator would drop them (the State Processor API does not"
            + " carry raw keyed state over). Take the savepoint when the loop is idle: stop the"
            + " job with a savepoint once no messages travel between functions (for example,"
            + " after the ingresses are drained).";
    FeedbackLogContents log;
    try {
      log = FeedbackLogContents.read(snapshot, serializer);
    } catch (IOException e) {
      throw new FeedbackLogNotEmptyException(
          "savepoint " + path + " has a feedback log that cannot be read" + advice, e);
    }
    if (!log.isEmpty()) {
      String some =
          log.messages().stream()
              .limit(5)
              .map(Message::target)
              .map(Object::toString)
              .collect(Collectors.joining(", "));
      throw new FeedbackLogNotEmptyException(
          "savepoint "
              + path
              + " holds "
              + log.messages().size()
              + " messages in flight in the feedback loop (to "
              + some
              + (log.messages().size() > 5 ? ", …" : "")
              + ")"
              + advice,
          null);
    }
  }

  private void requireDeclared(List<String> stored) {
    List<String> declared = DeclaredStates.of(type, readWith);
    List<String> undeclared =
        stored.stream().filter(s -> !declared.contains(s)).collect(Collectors.toList());
    if (!undeclared.isEmpty()) {
      throw new IllegalArgumentException(
          "savepoint "
              + path
              + " holds states "
              + undeclared
              + " of function type "
              + type
              + " that its reading function does not declare (declared: "
              + declared
              + "); they would be dropped");
    }
  }
}
