package io.statefun.flink.core.io;

import io.statefun.flink.core.config.FailurePolicy;
import java.util.Objects;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** What a {@link IoSpecTranslator} may need of the job being built. */
public final class IoTranslationContext {
  private final String jobName;
  private final StreamExecutionEnvironment env;

  private final FailurePolicy ingressFailurePolicy;

  public IoTranslationContext(String jobName, StreamExecutionEnvironment env) {
    this(jobName, env, FailurePolicy.FAIL);
  }

  public IoTranslationContext(
      String jobName, StreamExecutionEnvironment env, FailurePolicy ingressFailurePolicy) {
    this.jobName = Objects.requireNonNull(jobName, "job name");
    this.env = Objects.requireNonNull(env, "environment");
    this.ingressFailurePolicy = Objects.requireNonNull(ingressFailurePolicy, "failure policy");
  }

  /**
   * What an ingress does with a record it cannot decode: fail the task, or (dead-letter) skip it,
   * logged and counted.
   */
  public FailurePolicy ingressFailurePolicy() {
    return ingressFailurePolicy;
  }

  /** The name the job is submitted under ({@code statefun.flink-job-name}). */
  public String jobName() {
    return jobName;
  }

  /** The environment the job is built in: its checkpoint and restart settings, for validation. */
  public StreamExecutionEnvironment environment() {
    return env;
  }
}
