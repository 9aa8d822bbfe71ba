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
  private final FeedbackTailHook hook;

  /**
   * @param hook sees each received message before the channel does; null for none
   */
  public FeedbackTailOperatorFactory(
      String pipelineId, StatefulFunctionsConfig config, FeedbackTailHook hook) {
    this.pipelineId = pipelineId;
    this.config = config;
    this.hook = hook;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <O extends StreamOperator<Void>> O createStreamOperator(
      StreamOperatorParameters<Void> parameters) {
    return (O) new FeedbackTailOperator<T>(parameters, pipelineId, config, hook);
  }

  @Override
  public Class<? extends StreamOperator> getStreamOperatorClass(ClassLoader classLoader) {
    return FeedbackTailOperator.class;
  }
}
