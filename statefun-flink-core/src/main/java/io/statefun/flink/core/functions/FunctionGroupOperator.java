package io.statefun.flink.core.functions;

import io.statefun.flink.core.config.FailurePolicies;
import io.statefun.flink.core.config.StatefulFunctionsConfig;
import io.statefun.flink.core.failure.DeadLetters;
import io.statefun.flink.core.failure.UndoLog;
import io.statefun.flink.core.feedback.FeedbackConsumer;
import io.statefun.flink.core.feedback.FeedbackHead;
import io.statefun.flink.core.feedback.FeedbackKey;
import io.statefun.flink.core.feedback.LeaseWatch;
import io.statefun.flink.core.feedback.SnapshotFailer;
import io.statefun.flink.core.message.Message;
import io.statefun.flink.core.message.MessageSerializer;
import io.statefun.flink.core.message.MessageTypeInfo;
import io.statefun.flink.core.state.KeyedStateFactory;
import io.statefun.flink.core.universe.ModuleSet;
import io.statefun.flink.core.universe.StatefulFunctionsUniverse;
import io.statefun.sdk.io.DeadLetter;
import io.statefun.sdk.io.EgressIdentifier;
import java.io.File;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.state.State;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.io.network.api.writer.ResultPartitionWriter;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.runtime.state.StateSnapshotContextSynchronousImpl;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.StreamOperatorParameters;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.tasks.StreamTask;
import org.apache.flink.util.OutputTag;

/**
 * Hosts every function type of a pipeline in one keyed operator; the Flink side of it. Messages
 * arrive from the ingress routers (network input), from the feedback channel (messages that
 * functions of any subtask sent to this subtask's addresses; see {@link FeedbackHead}) and from the
 * local queue ({@link LocalDelivery}). Everything runs on the task's mailbox thread, so invocations
 * never overlap. What functions send is placed by the {@link Outbox}; delayed messages and async
 * operations keep their own state and timers.
 *
 * <p>It is also the head of the feedback loop: draining the channel here (rather than in a head
 * operator chained before it) hands feedback records over without a chained-operator copy.
 */
final class FunctionGroupOperator extends AbstractStreamOperator<Message>
    implements OneInputStreamOperator<Message, Message> {
  private static final long serialVersionUID = 1L;

  private final String pipelineId;
  private final ModuleSet modules;
  private final StatefulFunctionsConfig config;
  private final Map<EgressIdentifier<?>, OutputTag<Object>> egressTags;
  private final transient MailboxExecutor mailbox;

  private transient MessageSerializer serializer;
  private transient KeyPlacement placement;
  private transient FeedbackHead feedback;
  private transient List<Message> restoredFeedback;
  private transient LocalDelivery local;
  private transient AsyncOperations async;
  private transient FailureGuard guard;
  private transient LeaseWatch leaseWatch;

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
    serializer =
        new MessageSerializer(
            config.payloadSerializer(), getExecutionConfig().getSerializerConfig());
    placement = KeyPlacement.of(getRuntimeContext().getTaskInfo());
    feedback =
        new FeedbackHead(
            FeedbackKey.of(pipelineId, getRuntimeContext()),
            serializer,
            message -> placement.keyGroupOf(message.target()),
            placement.owned(),
            config.feedbackMemory().getBytes(),
            spillDirectory(),
            getMetricGroup());
    // A failure at an entry point fails the open logs' snapshots: see FeedbackHead#fail.
    guard = new FailureGuard(feedback::fail);
    restoredFeedback =
        context.isRestored()
            ? feedback.restoredMessages(context.getRawKeyedStateInputs())
            : List.of();
  }

  private File spillDirectory() {
    File[] all = getContainingTask().getEnvironment().getIOManager().getSpillingDirectories();
    return all[getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() % all.length];
  }

  @Override
  public void open() throws Exception {
    super.open();
    StatefulFunctionsUniverse universe =
        modules.universe(getRuntimeContext().getUserCodeClassLoader());
    KeyedStateFactory states = new OperatorStateFactory();
    MessageTypeInfo messageType = new MessageTypeInfo(config.payloadSerializer());
    MetricGroup perType = getMetricGroup().addGroup("functions");
    LiveFunctions functions = new LiveFunctions(universe, states, perType);
    MailboxExecutor guardedMailbox = guard.mailbox(mailbox);
    MessageCounts counts = new MessageCounts(getMetricGroup());
    local = new LocalDelivery(functions, this, guardedMailbox, config.localMaxBatch(), counts);
    Outbox outbox = new Outbox(placement, local, output, egressTags, counts);
    DelayedMessages delayed =
        new DelayedMessages(
            states,
            messageType,
            target ->
                getInternalTimerService(
                    DelayedMessages.TIMER_SERVICE, StringSerializer.INSTANCE, guard.timers(target)),
            this,
            outbox,
            local,
            new CountsByType(perType, DelayedMessages.PENDING_METRIC));
    async =
        new AsyncOperations(
            states,
            messageType,
            serializer,
            this,
            local,
            guardedMailbox,
            config.asyncMaxPerTask(),
            new CountsByType(perType, AsyncOperations.IN_FLIGHT_METRIC),
            counts);
    delayed.checkWith(new SerializationCheck((MessageSerializer) serializer.duplicate()));
    if (config.serializeLocalMessages()) {
      outbox.checkLocalWith(new SerializationCheck((MessageSerializer) serializer.duplicate()));
    }
    InvocationContext context = new InvocationContext(outbox, delayed, async);
    local.deliverWith(context);
    FailurePolicies policies = config.failurePolicies();
    if (policies.anyDeadLetter()) {
      UndoLog undo = new UndoLog();
      AtomicInvocation atomic = new AtomicInvocation(undo, outbox);
      functions.undoFailuresWith(policies, undo);
      delayed.undoWith(undo);
      async.undoWith(undo);
      context.holdWith(atomic);
      OutputTag<Object> deadLetterTag = egressTags.get(DeadLetter.EGRESS);
      DeadLetters deadLetters =
          new DeadLetters(deadLetterTag != null, getMetricGroup().counter("deadLetters"));
      local.failWith(new FunctionFailures(policies, deadLetters, output, deadLetterTag), atomic);
    }
    getMetricGroup().gauge(DelayedMessages.PENDING_METRIC, delayed::pending);
    getMetricGroup().gauge(AsyncOperations.IN_FLIGHT_METRIC, async::inFlight);
    getMetricGroup().gauge("localQueueDepth", local::queued);

    // Operations in flight at the restored checkpoint are reported first, then the messages that
    // were in flight; local messages they cause are delivered in bounded mails, like any other.
    async.reportRestoredAsUnknown(getKeyedStateBackend());
    for (Message message : restoredFeedback) {
      counts.accepted();
      local.invokeAt(message);
    }
    restoredFeedback = null;
    local.continueLater();
    feedback.start(feedbackConsumer(), guardedMailbox, config.localMaxBatch());
    // A task can also end through a failure no entry point sees; see LeaseWatch.
    StreamTask<?, ?> task = getContainingTask();
    leaseWatch =
        LeaseWatch.start(
            () -> task.isFailing() || task.isCanceled(),
            feedback::releaseForEndingTask,
            getRuntimeContext().getTaskInfo().getTaskNameWithSubtasks());
  }

  /**
   * The local delivery, flushing the network outputs after every feedback mail unless Flink already
   * flushes after every record (a flush interval of 0).
   */
  private FeedbackConsumer<Message> feedbackConsumer() {
    ResultPartitionWriter[] writers = getContainingTask().getEnvironment().getAllWriters();
    if (config.feedbackBufferTimeout().isZero() || writers == null || writers.length == 0) {
      return local;
    }
    return new FlushAfterFeedback(
        local,
        () -> {
          for (ResultPartitionWriter writer : writers) {
            writer.flushAll();
          }
        });
  }

  @Override
  public void processElement(StreamRecord<Message> record) throws Exception {
    try {
      Message message = record.getValue();
      if (async.awaitCapacity()) {
        setCurrentKey(message.target()); // mails that ran meanwhile may have changed it
      }
      // Flink has made the record's target the current key.
      local.invoke(message);
      local.drain();
    } catch (Exception | Error e) {
      guard.failed(e);
      throw e;
    }
  }

  @Override
  public void snapshotState(StateSnapshotContext context) throws Exception {
    super.snapshotState(context);
    // Local messages not yet delivered are in flight at the cut: they go into the log. (Draining
    // them here instead could never finish when functions of this subtask message each other in
    // an endless cycle.)
    // Closing the context exceptionally closes its streams and cancels its pending parts: Flink's
    // own way to fail a snapshot, here for a failure of the operator while the log is open.
    SnapshotFailer failer =
        context instanceof StateSnapshotContextSynchronousImpl sync
            ? sync::closeExceptionally
            : null;
    feedback.snapshot(
        context.getCheckpointId(),
        context.getRawKeyedOperatorStateOutput(),
        failer,
        local.pending());
  }

  @Override
  public void notifyCheckpointAborted(long checkpointId) throws Exception {
    feedback.abort(checkpointId);
    super.notifyCheckpointAborted(checkpointId);
  }

  @Override
  public void close() throws Exception {
    if (leaseWatch != null) {
      leaseWatch.close();
    }
    if (feedback != null) {
      feedback.close();
    }
    super.close();
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
