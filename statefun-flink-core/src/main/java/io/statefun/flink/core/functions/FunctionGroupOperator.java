package io.statefun.flink.core.functions;

import io.statefun.flink.core.config.StatefulFunctionsConfig;
import io.statefun.flink.core.feedback.CheckpointSentinel;
import io.statefun.flink.core.feedback.FeedbackChannel;
import io.statefun.flink.core.feedback.FeedbackChannelBroker;
import io.statefun.flink.core.feedback.FeedbackConsumer;
import io.statefun.flink.core.feedback.FeedbackKey;
import io.statefun.flink.core.logger.FeedbackLogMetrics;
import io.statefun.flink.core.logger.FeedbackLogReader;
import io.statefun.flink.core.logger.FeedbackLogger;
import io.statefun.flink.core.message.Message;
import io.statefun.flink.core.message.MessageSerializer;
import io.statefun.flink.core.message.MessageTypeInfo;
import io.statefun.flink.core.state.KeyedStateFactory;
import io.statefun.flink.core.universe.ModuleSet;
import io.statefun.flink.core.universe.StatefulFunctionsUniverse;
import io.statefun.flink.core.universe.Universes;
import io.statefun.sdk.Address;
import io.statefun.sdk.AsyncOperationResult;
import io.statefun.sdk.io.EgressIdentifier;
import java.io.File;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.State;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.runtime.state.KeyGroupRange;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.StreamOperatorParameters;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.FlinkRuntimeException;
import org.apache.flink.util.OutputTag;

/**
 * Hosts every function type of a pipeline in one keyed operator. Messages arrive from the ingress
 * routers (network input), from the feedback channel (messages functions of any subtask sent to
 * this subtask's addresses) and from the local queue (messages between addresses of this subtask,
 * which never leave the JVM and are never serialized). Everything runs on the task's mailbox
 * thread, so invocations never overlap.
 *
 * <p>It is also the head of the feedback loop: it drains the channel that the co-located {@code
 * FeedbackTailOperator} fills. Merging the head into this operator (rather than chaining a separate
 * head before it) means feedback records are handed over without a chained-operator copy.
 */
public final class FunctionGroupOperator extends AbstractStreamOperator<Message>
    implements OneInputStreamOperator<Message, Message>,
        FeedbackConsumer<Object>,
        Dispatcher,
        Triggerable<Address, String> {
  private static final long serialVersionUID = 1L;

  private final String pipelineId;
  private final ModuleSet modules;
  private final StatefulFunctionsConfig config;
  private final Map<EgressIdentifier<?>, OutputTag<Object>> egressTags;
  private final transient MailboxExecutor mailbox;

  private transient LiveFunctions functions;
  private transient KeyPlacement placement;
  private transient InvocationContext context;
  private transient ArrayDeque<Message> localQueue;
  private transient boolean localContinuationScheduled;
  private transient StreamRecord<Message> remoteRecord;
  private transient StreamRecord<Object> egressRecord;
  private transient EgressIdentifier<?> lastEgress;
  private transient OutputTag<Object> lastEgressTag;
  private transient FeedbackKey feedbackKey;
  private transient FeedbackChannel<Object> feedbackChannel;
  private transient MessageSerializer messageSerializer;
  private transient FeedbackLogger feedbackLogger;
  private transient List<Message> restoredFeedback;
  private transient DelayedMessages delayedMessages;
  private transient AsyncOperations asyncOperations;

  FunctionGroupOperator(
      StreamOperatorParameters<Message> parameters,
      MailboxExecutor mailbox,
      String pipelineId,
      ModuleSet modules,
      StatefulFunctionsConfig config,
      Map<EgressIdentifier<?>, OutputTag<Object>> egressTags) {
    super(parameters);
    this.mailbox = mailbox;
    this.pipelineId = pipelineId;
    this.modules = modules;
    this.config = config;
    this.egressTags = egressTags;
  }

  @Override
  protected boolean isUsingCustomRawKeyedState() {
    return true; // the feedback log
  }

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    messageSerializer =
        new MessageSerializer(
            config.payloadSerializer(), getExecutionConfig().getSerializerConfig());
    restoredFeedback =
        context.isRestored()
            ? FeedbackLogReader.read(context.getRawKeyedStateInputs(), messageSerializer)
            : List.of();
  }

  @Override
  public void open() throws Exception {
    super.open();
    ClassLoader userCode = getRuntimeContext().getUserCodeClassLoader();
    StatefulFunctionsUniverse universe =
        Universes.get(pipelineId, () -> modules.configure(userCode).build());
    TaskInfo task = getRuntimeContext().getTaskInfo();
    KeyGroupRange keyGroups =
        KeyGroupRangeAssignment.computeKeyGroupRangeForOperatorIndex(
            task.getMaxNumberOfParallelSubtasks(),
            task.getNumberOfParallelSubtasks(),
            task.getIndexOfThisSubtask());
    this.placement = new KeyPlacement(keyGroups, task.getMaxNumberOfParallelSubtasks());
    File[] spillDirectories =
        getContainingTask().getEnvironment().getIOManager().getSpillingDirectories();
    this.feedbackLogger =
        new FeedbackLogger(
            messageSerializer,
            message -> placement.keyGroupOf(message.target()),
            keyGroups,
            config.feedbackMemory().getBytes(),
            spillDirectories[task.getIndexOfThisSubtask() % spillDirectories.length],
            new FeedbackLogMetrics(getMetricGroup()));
    KeyedStateFactory states = new OperatorStateFactory();
    this.functions = new LiveFunctions(universe, states, getMetricGroup().addGroup("functions"));
    this.context = new InvocationContext(this);
    this.localQueue = new ArrayDeque<>();
    this.remoteRecord = new StreamRecord<>(null);
    this.egressRecord = new StreamRecord<>(null);

    this.feedbackKey =
        new FeedbackKey(
            pipelineId,
            getRuntimeContext().getJobInfo().getJobId().toString(),
            task.getIndexOfThisSubtask(),
            task.getAttemptNumber());
    this.feedbackChannel = FeedbackChannelBroker.get().channel(feedbackKey);
    getMetricGroup().gauge("feedbackQueueSize", feedbackChannel::size);

    MessageTypeInfo messageType = new MessageTypeInfo(config.payloadSerializer());
    this.delayedMessages =
        new DelayedMessages(
            states.create(
                new MapStateDescriptor<>(
                    DelayedMessages.MESSAGES_STATE, Types.STRING, messageType)),
            states.create(
                new MapStateDescriptor<>(
                    DelayedMessages.DUE_TIMES_STATE, Types.STRING, Types.LONG)),
            getInternalTimerService(
                DelayedMessages.TIMER_SERVICE, StringSerializer.INSTANCE, this));
    this.asyncOperations =
        new AsyncOperations(
            states.create(new MapStateDescriptor<>(AsyncOperations.STATE, Types.LONG, messageType)),
            messageSerializer);
    getMetricGroup().gauge("delayedMessagesPending", delayedMessages::pending);
    getMetricGroup().gauge("asyncOperationsInFlight", asyncOperations::inFlight);

    // Operations in flight at the restored checkpoint are reported first, before any invocation
    // can register new ones (which the scan for restored operations would then also find).
    reportRestoredAsyncOperationsAsUnknown();
    // Then the messages that were in flight at the checkpoint. Local messages they cause are
    // queued and delivered in bounded mails, like any other.
    for (Message message : restoredFeedback) {
      setCurrentKey(message.target());
      invoke(message);
    }
    restoredFeedback = null;
    scheduleLocalContinuation();
    feedbackChannel.registerConsumer(this, mailbox, config.localMaxBatch());
  }

  /** Operations in flight at the restored checkpoint: their outcome is unknown. */
  private void reportRestoredAsyncOperationsAsUnknown() throws Exception {
    List<Address> owners;
    KeyedStateBackend<Address> backend = getKeyedStateBackend();
    try (Stream<Address> keys = backend.getKeys(AsyncOperations.STATE, VoidNamespace.INSTANCE)) {
      owners = keys.collect(Collectors.toList());
    }
    for (Address owner : owners) {
      setCurrentKey(owner);
      for (Object metadata : asyncOperations.takeRestored()) {
        setCurrentKey(owner);
        invoke(new Message(null, owner, AsyncOperationResult.unknown(metadata)));
      }
    }
  }

  // ------------------------------------------------------------------------------------------
  // Inputs
  // ------------------------------------------------------------------------------------------

  @Override
  public void processElement(StreamRecord<Message> record) throws Exception {
    Message message = record.getValue();
    if (asyncOperations.inFlight() >= config.asyncMaxPerTask()) {
      // Pause input, not completions: they arrive as mails, which yield() runs.
      while (asyncOperations.inFlight() >= config.asyncMaxPerTask()) {
        mailbox.yield();
      }
      setCurrentKey(message.target());
    }
    // Flink has already made the record's target the current key.
    invoke(message);
    drainLocal(config.localMaxBatch());
  }

  @Override
  public void onProcessingTime(InternalTimer<Address, String> timer) throws Exception {
    Message message = delayedMessages.fire(timer.getNamespace());
    if (message != null) {
      send(message.source(), message.target(), message.payload());
      drainLocal(config.localMaxBatch());
    }
  }

  @Override
  public void onEventTime(InternalTimer<Address, String> timer) {}

  @Override
  public void processFeedback(Object record) throws Exception {
    if (record instanceof Message) {
      Message message = (Message) record;
      feedbackLogger.append(message);
      setCurrentKey(message.target());
      invoke(message);
    } else if (record instanceof CheckpointSentinel) {
      feedbackLogger.commit(((CheckpointSentinel) record).checkpointId());
    } else {
      throw new IllegalStateException("unexpected feedback record " + record);
    }
  }

  @Override
  public void endOfFeedbackBatch() {
    drainLocal(config.localMaxBatch());
  }

  @Override
  public void snapshotState(StateSnapshotContext context) throws Exception {
    super.snapshotState(context);
    // Local messages not yet delivered are in flight at the cut: they go into the log. (Draining
    // them here instead could never finish when functions of this subtask message each other in
    // an endless cycle.)
    feedbackLogger.startLogging(
        context.getCheckpointId(), context.getRawKeyedOperatorStateOutput(), localQueue);
  }

  @Override
  public void notifyCheckpointAborted(long checkpointId) throws Exception {
    feedbackLogger.abort(checkpointId);
    super.notifyCheckpointAborted(checkpointId);
  }

  @Override
  public void close() throws Exception {
    if (feedbackKey != null) {
      FeedbackChannelBroker.get().remove(feedbackKey);
    }
    if (feedbackLogger != null) {
      feedbackLogger.close();
    }
    super.close();
  }

  private void invoke(Message message) {
    LiveFunction live = functions.of(message);
    context.enter(live, message.target(), message.source());
    try {
      live.function.invoke(context, message.payload());
    } catch (RuntimeException | Error e) {
      throw new FunctionInvocationException(message, e);
    }
  }

  private void drainLocal(int budget) {
    Message message;
    while ((message = localQueue.pollFirst()) != null) {
      setCurrentKey(message.target());
      invoke(message);
      if (--budget == 0) {
        scheduleLocalContinuation();
        return;
      }
    }
  }

  private void scheduleLocalContinuation() {
    if (!localContinuationScheduled && !localQueue.isEmpty()) {
      localContinuationScheduled = true;
      mailbox.execute(
          () -> {
            localContinuationScheduled = false;
            drainLocal(config.localMaxBatch());
          },
          "statefun-local-messages");
    }
  }

  // ------------------------------------------------------------------------------------------
  // Outputs (Dispatcher)
  // ------------------------------------------------------------------------------------------

  @Override
  public void send(Address from, Address to, Object payload) {
    Message message = new Message(from, to, payload);
    if (placement.isLocal(to)) {
      localQueue.addLast(message);
    } else {
      output.collect(remoteRecord.replace(message));
    }
  }

  @Override
  public <T> void sendToEgress(Address from, EgressIdentifier<T> egress, T record) {
    // Functions usually emit through one constant identifier: skip the map for it.
    OutputTag<Object> tag = egress == lastEgress ? lastEgressTag : egressTags.get(egress);
    if (tag == null) {
      throw new IllegalArgumentException(
          from
              + " sent to egress "
              + egress
              + ", which no module binds; bound: "
              + egressTags.keySet());
    }
    lastEgress = egress;
    lastEgressTag = tag;
    output.collect(tag, egressRecord.replace(record));
  }

  @Override
  public void sendAfter(Address from, Duration delay, Address to, Object payload, String token) {
    try {
      delayedMessages.schedule(new Message(from, to, payload), delay.toMillis(), token);
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (Exception e) {
      throw new FlinkRuntimeException("cannot store a delayed message of " + from, e);
    }
  }

  @Override
  public void cancelDelayedMessage(Address from, String token) {
    try {
      delayedMessages.cancel(token);
    } catch (Exception e) {
      throw new FlinkRuntimeException("cannot cancel a delayed message of " + from, e);
    }
  }

  @Override
  public void registerAsyncOperation(Address owner, Object metadata, CompletableFuture<?> future) {
    long id;
    try {
      id = asyncOperations.register(owner, metadata);
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (Exception e) {
      throw new FlinkRuntimeException("cannot record an async operation of " + owner, e);
    }
    future.whenComplete(
        (value, failure) -> {
          try {
            mailbox.execute(
                () -> completeAsyncOperation(owner, id, metadata, value, failure),
                "statefun-async-completion");
          } catch (RejectedExecutionException e) {
            // This attempt is shutting down; a restore reports the operation as UNKNOWN.
          }
        });
  }

  private void completeAsyncOperation(
      Address owner, long id, Object metadata, Object value, Throwable failure) throws Exception {
    setCurrentKey(owner);
    asyncOperations.completed(id);
    Object result =
        failure == null
            ? AsyncOperationResult.success(metadata, value)
            : AsyncOperationResult.failure(metadata, unwrap(failure));
    invoke(new Message(null, owner, result));
    drainLocal(config.localMaxBatch());
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause()
        : failure;
  }

  /** Keyed state in the void namespace, scoped to the current key. */
  private final class OperatorStateFactory implements KeyedStateFactory {
    @Override
    public <S extends State> S create(StateDescriptor<S, ?> descriptor) throws Exception {
      return getPartitionedState(
          VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, descriptor);
    }
  }
}
