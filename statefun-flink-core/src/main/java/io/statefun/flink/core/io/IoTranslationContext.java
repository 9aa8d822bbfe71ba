package io.statefun.flink.core.io;

import java.util.Objects;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** What a {@link IoSpecTranslator} may need of the job being built. */
public final class IoTranslationContext {
  private final String jobName;
  private final StreamExecutionEnvironment env;

  public IoTranslationContext(String jobName, StreamExecutionEnvironment env) {
    this.jobName = Objects.requireNonNull(jobName, "job name");
    this.env = Objects.requireNonNull(env, "environment");
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
