package io.statefun.flink.core.feedback;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.StreamOperatorParameters;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * The end of the loop: receives messages that functions sent to addresses of this subtask and puts
 * them into the in-JVM channel that the function operator of the same subtask drains.
 */
final class FeedbackTailOperator<T> extends AbstractStreamOperator<Void>
    implements OneInputStreamOperator<T, Void> {
  private static final long serialVersionUID = 1L;

  private final String pipelineId;
  private transient FeedbackKey key;
  private transient FeedbackChannel<Object> channel;

  FeedbackTailOperator(StreamOperatorParameters<Void> parameters, String pipelineId) {
    super(parameters);
    this.pipelineId = pipelineId;
  }

  @Override
  public void open() throws Exception {
    super.open();
    key = FeedbackKey.of(pipelineId, getRuntimeContext());
    channel = FeedbackChannelBroker.get().channel(key);
  }

  @Override
  public void processElement(StreamRecord<T> element) {
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
    }
    super.close();
  }
}
