package io.statefun.flink.core.feedback;

import io.statefun.flink.core.config.StatefulFunctionsConfig;
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
  private final StatefulFunctionsConfig config;

  public FeedbackTailOperatorFactory(String pipelineId, StatefulFunctionsConfig config) {
    this.pipelineId = pipelineId;
    this.config = config;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <O extends StreamOperator<Void>> O createStreamOperator(
      StreamOperatorParameters<Void> parameters) {
    return (O) new FeedbackTailOperator<T>(parameters, pipelineId, config);
  }

  @Override
  public Class<? extends StreamOperator> getStreamOperatorClass(ClassLoader classLoader) {
    return FeedbackTailOperator.class;
  }
}
