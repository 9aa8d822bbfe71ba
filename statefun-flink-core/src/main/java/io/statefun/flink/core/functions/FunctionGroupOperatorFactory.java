package io.statefun.flink.core.functions;

import io.statefun.flink.core.config.StatefulFunctionsConfig;
import io.statefun.flink.core.feedback.AlignmentCoordinator;
import io.statefun.flink.core.message.Message;
import io.statefun.flink.core.universe.ModuleSet;
import io.statefun.sdk.io.EgressIdentifier;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.operators.coordination.OperatorCoordinator;
import org.apache.flink.streaming.api.operators.AbstractStreamOperatorFactory;
import org.apache.flink.streaming.api.operators.CoordinatedOperatorFactory;
import org.apache.flink.streaming.api.operators.OneInputStreamOperatorFactory;
import org.apache.flink.streaming.api.operators.StreamOperator;
import org.apache.flink.streaming.api.operators.StreamOperatorParameters;
import org.apache.flink.util.OutputTag;

/**
 * Creates {@link FunctionGroupOperator}s, handing them the task's mailbox executor, and their
 * {@link AlignmentCoordinator}, which refuses snapshots of a job whose barriers are not aligned.
 */
@Internal
public final class FunctionGroupOperatorFactory extends AbstractStreamOperatorFactory<Message>
    implements OneInputStreamOperatorFactory<Message, Message>,
        CoordinatedOperatorFactory<Message> {
  private static final long serialVersionUID = 1L;

  private final String pipelineId;
  private final ModuleSet modules;
  private final StatefulFunctionsConfig config;
  private final Map<EgressIdentifier<?>, OutputTag<Object>> egressTags;

  public FunctionGroupOperatorFactory(
      String pipelineId,
      ModuleSet modules,
      StatefulFunctionsConfig config,
      Map<EgressIdentifier<?>, OutputTag<Object>> egressTags) {
    this.pipelineId = pipelineId;
    this.modules = modules;
    this.config = config;
    this.egressTags = egressTags;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T extends StreamOperator<Message>> T createStreamOperator(
      StreamOperatorParameters<Message> parameters) {
    return (T)
        new FunctionGroupOperator(
            parameters, parameters.getMailboxExecutor(), pipelineId, modules, config, egressTags);
  }

  @Override
  public Class<? extends StreamOperator> getStreamOperatorClass(ClassLoader classLoader) {
    return FunctionGroupOperator.class;
  }

  @Override
  public OperatorCoordinator.Provider getCoordinatorProvider(
      String operatorName, OperatorID operatorId) {
    return new AlignmentCoordinator.Provider(operatorId);
  }
}
