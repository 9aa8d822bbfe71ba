package io.statefun.flink.core.feedback;

import org.apache.flink.annotation.Internal;
import org.apache.flink.streaming.api.operators.AbstractStreamOperatorFactory;
import org.apache.flink.streaming.api.operators.OneInputStreamOperatorFactory;
import org.apache.flink.streaming.api.operators.StreamOperator;
import org.apache.flink.streaming.api.operators.StreamOperatorParameters;

/** Creates {@link FeedbackTailOperator}s. */
@Internal
public final class FeedbackTailOperatorFactory<T> extends AbstractStreamOperatorFactory<Void>
    implements OneInputStreamOperatorFactory<T, Void> {
  private static final long serialVersionUID = 1L;

  private final String pipelineId;

  public FeedbackTailOperatorFactory(String pipelineId) {
    this.pipelineId = pipelineId;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <O extends StreamOperator<Void>> O createStreamOperator(
      StreamOperatorParameters<Void> parameters) {
    return (O) new FeedbackTailOperator<T>(parameters, pipelineId);
  }

  @Override
  public Class<? extends StreamOperator> getStreamOperatorClass(ClassLoader classLoader) {
    return FeedbackTailOperator.class;
  }
}
