package io.statefun.flink.core.feedback;

import io.statefun.flink.core.config.StatefulFunctionsConfig;
import io.statefun.flink.core.message.Message;
import io.statefun.flink.core.message.MessageSerializer;
import java.io.File;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.StreamOperatorParameters;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * The end of the loop: receives messages that functions sent to addresses of this subtask and puts
 * them into the in-JVM channel that the function operator of the same subtask drains. It bounds the
 * channel's memory, so records beyond the budget are spilled (on this thread) to the task manager's
 * temporary directories instead of waiting for the function operator.
 */
final class FeedbackTailOperator<T> extends AbstractStreamOperator<Void>
    implements OneInputStreamOperator<T, Void> {
  private static final long serialVersionUID = 1L;

  private final String pipelineId;
  private final StatefulFunctionsConfig config;

  /** Null unless a test kit watches the loop. */
  private final FeedbackTailHook hook;

  private transient FeedbackKey key;
  private transient FeedbackChannel<Object> channel;

  FeedbackTailOperator(
      StreamOperatorParameters<Void> parameters,
      String pipelineId,
      StatefulFunctionsConfig config,
      FeedbackTailHook hook) {
    super(parameters);
    this.pipelineId = pipelineId;
    this.config = config;
    this.hook = hook;
  }

  @Override
  public void open() throws Exception {
    super.open();
    key = FeedbackKey.of(pipelineId, getRuntimeContext());
    channel = FeedbackChannelBroker.get().channel(key);
    MessageSerializer serializer =
        new MessageSerializer(
            config.payloadSerializer(), getExecutionConfig().getSerializerConfig());
    channel.limitMemory(
        new FeedbackRecordCodec(serializer),
        config.feedbackChannelMemory().getBytes(),
        spillDirectory());
  }

  private File spillDirectory() {
    File[] all = getContainingTask().getEnvironment().getIOManager().getSpillingDirectories();
    return all[getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() % all.length];
  }

  @Override
  public void processElement(StreamRecord<T> element) throws Exception {
    if (hook != null) {
      hook.received((Message) element.getValue());
    }
    channel.put(element.getValue());
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    super.prepareSnapshotPreBarrier(checkpointId);
    channel.put(new CheckpointSentinel(checkpointId));
  }

  @Override
  public void close() throws Exception {
    if (key != null) {
      FeedbackChannelBroker.get().release(key);
      // If the function operator never started, nobody will drain (or delete) the spill.
      channel.closeIfUnconsumed();
    }
    super.close();
  }
}
