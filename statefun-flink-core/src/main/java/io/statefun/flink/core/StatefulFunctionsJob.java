package io.statefun.flink.core;

import io.statefun.flink.core.config.StatefulFunctionsConfig;
import io.statefun.flink.core.translation.StatefulFunctionsPipeline;
import io.statefun.flink.core.universe.ModuleSet;
import java.util.List;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ParameterTool;

/**
 * The main class of a statefun application jar on a Flink cluster: finds the modules with the
 * {@link java.util.ServiceLoader}, builds the job from the cluster's configuration plus any {@code
 * --key value} program arguments, and runs it.
 */
@PublicEvolving
public final class StatefulFunctionsJob {
  private StatefulFunctionsJob() {}

  public static void main(String[] args) throws Exception {
    Configuration overrides = ParameterTool.fromArgs(args).getConfiguration();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(overrides);
    Configuration effective = new Configuration();
    effective.addAll((Configuration) env.getConfiguration());
    effective.addAll(overrides);
    StatefulFunctionsConfig config =
        StatefulFunctionsConfig.fromFlinkConfiguration(
            effective, Thread.currentThread().getContextClassLoader());
    StatefulFunctionsPipeline.build(
        env, config, ModuleSet.of(true, List.of(), config.globalConfig()), List.of());
    env.execute(config.jobName());
  }
}
