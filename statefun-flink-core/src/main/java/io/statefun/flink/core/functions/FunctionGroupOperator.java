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
import io.statefun.flink.core.state.KeyedStateFactory;
import io.statefun.flink.core.universe.ModuleSet;
import io.statefun.flink.core.universe.StatefulFunctionsUniverse;
import io.statefun.flink.core.universe.Universes;
import io.statefun.sdk.Address;
import io.statefun.sdk.io.EgressIdentifier;
import java.io.File;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.state.State;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.runtime.state.KeyGroupRange;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.StreamOperatorParameters;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
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
    implements OneInputStreamOperator<Message, Message>, FeedbackConsumer<Object>, Dispatcher {
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
  private transient FeedbackKey feedbackKey;
  private transient FeedbackChannel<Object> feedbackChannel;
  private transient MessageSerializer messageSerializer;
  private transient FeedbackLogger feedbackLogger;
  private transient List<Message> restoredFeedback;

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
    this.functions =
        new LiveFunctions(
            universe, new OperatorStateFactory(), getMetricGroup().addGroup("functions"));
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

    // Messages that were in flight around the loop at the restored checkpoint go first.
    for (Message message : restoredFeedback) {
      setCurrentKey(message.target());
      invoke(message);
      drainLocal(Integer.MAX_VALUE);
    }
    restoredFeedback = null;
    feedbackChannel.registerConsumer(this, mailbox, config.localMaxBatch());
  }

  // ------------------------------------------------------------------------------------------
  // Inputs
  // ------------------------------------------------------------------------------------------

  @Override
  public void processElement(StreamRecord<Message> record) throws Exception {
    // Flink has already made the record's target the current key.
    invoke(record.getValue());
    drainLocal(config.localMaxBatch());
  }

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
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    // No local message may be pending at the cut: it is in no channel that a checkpoint records.
    drainLocal(Integer.MAX_VALUE);
    super.prepareSnapshotPreBarrier(checkpointId);
  }

  @Override
  public void snapshotState(StateSnapshotContext context) throws Exception {
    super.snapshotState(context);
    feedbackLogger.startLogging(context.getCheckpointId(), context.getRawKeyedOperatorStateOutput());
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
    OutputTag<Object> tag = egressTags.get(egress);
    if (tag == null) {
      throw new IllegalArgumentException(
          from
              + " sent to egress "
              + egress
              + ", which no module binds; bound: "
              + egressTags.keySet());
    }
    output.collect(tag, egressRecord.replace(record));
  }

  @Override
  public void sendAfter(Address from, Duration delay, Address to, Object payload, String token) {
    throw new UnsupportedOperationException("delayed messages are not supported yet");
  }

  @Override
  public void cancelDelayedMessage(Address from, String token) {
    throw new UnsupportedOperationException("delayed messages are not supported yet");
  }

  @Override
  public void registerAsyncOperation(Address owner, Object metadata, CompletableFuture<?> future) {
    throw new UnsupportedOperationException("async operations are not supported yet");
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
