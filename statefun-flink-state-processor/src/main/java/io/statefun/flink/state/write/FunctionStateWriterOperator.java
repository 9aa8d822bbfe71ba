package io.statefun.flink.state.write;

import io.statefun.flink.core.functions.DelayedMessages;
import io.statefun.flink.core.state.KeyedStateFactory;
import io.statefun.flink.state.FunctionProviders;
import io.statefun.flink.state.FunctionStateEntry;
import io.statefun.flink.state.binding.BoundFunctionState;
import io.statefun.flink.state.bootstrap.StateBootstrapFunction;
import io.statefun.flink.state.bootstrap.StateBootstrapFunctionProvider;
import io.statefun.flink.state.savepoint.StoredState;
import io.statefun.sdk.Address;
import io.statefun.sdk.FunctionType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.State;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.Path;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.state.api.output.SnapshotUtils;
import org.apache.flink.state.api.output.TaggedOperatorSubtaskState;
import org.apache.flink.state.api.runtime.VoidTriggerable;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Writes the keyed state of the statefun functions operator for a savepoint, keyed by {@link
 * Address} as the functions operator is. Function state goes through the functions' own (or their
 * bootstrap functions') {@code @Persisted} fields, bound with core's state binder into keyed state
 * in the void namespace, as the functions operator binds it; copied states are written back with
 * the serializers they were stored with. For copied delayed messages the timers that fire them are
 * registered again, from their due times, in the timer service the functions operator uses.
 */
final class FunctionStateWriterOperator extends AbstractStreamOperator<TaggedOperatorSubtaskState>
    implements OneInputStreamOperator<WriteRecord, TaggedOperatorSubtaskState>, BoundedOneInput {
  private static final long serialVersionUID = 1L;

  private final long timestamp;
  private final Path savepointPath;
  private final FunctionProviders functions;
  private final Map<FunctionType, StateBootstrapFunctionProvider> bootstrapFunctions;
  private final List<StoredState> copiedStates;

  private transient KeyedStateFactory keyedState;
  private transient Map<FunctionType, BoundFunctionState> functionStates;
  private transient Map<FunctionType, StateBootstrapFunction> bootstrappers;
  private transient Map<String, CopiedState> copies;
  private transient InternalTimerService<String> delayedMessageTimers;
  private transient BootstrapContext context;

  FunctionStateWriterOperator(
      long timestamp,
      Path savepointPath,
      FunctionProviders functions,
      Map<FunctionType, StateBootstrapFunctionProvider> bootstrapFunctions,
      List<StoredState> copiedStates) {
    this.timestamp = timestamp;
    this.savepointPath = savepointPath;
    this.functions = functions;
    this.bootstrapFunctions = bootstrapFunctions;
    this.copiedStates = copiedStates;
  }

  @Override
  public void open() throws Exception {
    super.open();
    recordingFailures(this::bindCopiedStates);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void bindCopiedStates() throws Exception {
    keyedState = new VoidNamespaceStateFactory();
    functionStates = new HashMap<>();
    bootstrappers = new HashMap<>();
    copies = new HashMap<>();
    context = new BootstrapContext();
    for (StoredState stored : copiedStates) {
      copies.put(
          stored.name(),
          new CopiedState(stored, keyedState.create((StateDescriptor) stored.descriptor())));
      if (stored.name().equals(DelayedMessages.DUE_TIMES_STATE)) {
        delayedMessageTimers =
            getInternalTimerService(
                DelayedMessages.TIMER_SERVICE,
                StringSerializer.INSTANCE,
                VoidTriggerable.<Address, String>instance());
      }
    }
  }

  @Override
  public void processElement(StreamRecord<WriteRecord> element) throws Exception {
    recordingFailures(() -> write(element.getValue()));
  }

  /** Runs {@code step}, recording a failure for the caller of the write (see WriteFailures). */
  private void recordingFailures(Step step) throws Exception {
    try {
      step.run();
    } catch (Exception | Error e) {
      WriteFailures.record(
          savepointPath, getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(), e);
      throw e;
    }
  }

  private interface Step {
    void run() throws Exception;
  }

  private void write(WriteRecord record) throws Exception {
    // The input is keyed by target address, so the target is the current key.
    if (record instanceof WriteRecord.Entry) {
      FunctionStateEntry entry = ((WriteRecord.Entry) record).entry;
      functionState(entry.address().type()).write(entry.state(), entry.value());
    } else if (record instanceof WriteRecord.Bootstrap) {
      StateBootstrapFunction bootstrapper = bootstrapper(record.target().type());
      context.self = record.target();
      bootstrapper.bootstrap(context, ((WriteRecord.Bootstrap) record).data);
    } else {
      copy((WriteRecord.Copy) record);
    }
  }

  private void copy(WriteRecord.Copy record) throws Exception {
    CopiedState copied = copies.get(record.state);
    if (copied == null) {
      throw new IllegalStateException(
          "no stored state " + record.state + " to copy for " + record.target());
    }
    Object contents = copied.stored.deserialize(record.bytes);
    copied.stored.write(copied.state, contents);
    if (delayedMessageTimers != null && record.state.equals(DelayedMessages.DUE_TIMES_STATE)) {
      for (Map.Entry<?, ?> due : ((Map<?, ?>) contents).entrySet()) {
        delayedMessageTimers.registerProcessingTimeTimer(
            (String) due.getKey(), (Long) due.getValue());
      }
    }
  }

  private BoundFunctionState functionState(FunctionType type) {
    return functionStates.computeIfAbsent(
        type, t -> BoundFunctionState.bind(t, functions.newFunction(t), keyedState));
  }

  private StateBootstrapFunction bootstrapper(FunctionType type) {
    StateBootstrapFunction existing = bootstrappers.get(type);
    if (existing != null) {
      return existing;
    }
    StateBootstrapFunctionProvider provider = bootstrapFunctions.get(type);
    if (provider == null) {
      throw new IllegalArgumentException(
          "bootstrap data was routed to function type "
              + type
              + ", which has no state bootstrap function; registered: "
              + bootstrapFunctions.keySet());
    }
    StateBootstrapFunction function = provider.bootstrapFunctionOfType(type);
    if (function == null) {
      throw new IllegalStateException(
          "the bootstrap function provider of " + type + " returned null");
    }
    BoundFunctionState.bind(type, function, keyedState);
    bootstrappers.put(type, function);
    return function;
  }

  @Override
  public void endInput() throws Exception {
    recordingFailures(this::snapshot);
  }

  private void snapshot() throws Exception {
    Configuration job = getContainingTask().getJobConfiguration();
    TaggedOperatorSubtaskState state =
        SnapshotUtils.snapshot(
            0L,
            this,
            getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(),
            timestamp,
            CheckpointingOptions.getCheckpointingMode(job),
            CheckpointingOptions.isUnalignedCheckpointEnabled(job),
            getContainingTask().getConfiguration().getConfiguration(),
            savepointPath);
    output.collect(new StreamRecord<>(state));
  }

  /** Keyed state in the void namespace, as the functions operator creates it. */
  private final class VoidNamespaceStateFactory implements KeyedStateFactory {
    @Override
    public <S extends State> S create(StateDescriptor<S, ?> descriptor) throws Exception {
      return getPartitionedState(
          VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, descriptor);
    }
  }

  private static final class CopiedState {
    final StoredState stored;
    final State state;

    CopiedState(StoredState stored, State state) {
      this.stored = stored;
      this.state = state;
    }
  }

  private static final class BootstrapContext implements StateBootstrapFunction.Context {
    Address self;

    @Override
    public Address self() {
      return self;
    }
  }
}
