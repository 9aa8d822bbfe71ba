package io.statefun.flink.io.kafka;

import io.statefun.flink.core.config.StatefulFunctionsConfig;
import io.statefun.flink.core.translation.StatefulFunctionsPipeline;
import io.statefun.flink.core.universe.ModuleSet;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Runs a statefun module on a local MiniCluster bound to 127.0.0.1, for the Kafka ITs. */
final class KafkaJobs {
  private KafkaJobs() {}

  /** Settings of a test job: loopback only, everything under {@code dir}. */
  static Configuration config(int parallelism, String backend, Duration checkpoints, Path dir) {
    Configuration config = new Configuration();
    config.setString("parallelism.default", Integer.toString(parallelism));
    config.setString("state.backend.type", backend);
    config.setString("taskmanager.memory.managed.size", "128m");
    config.setString("taskmanager.numberOfTaskSlots", Integer.toString(parallelism));
    config.setString("execution.checkpointing.dir", dir.resolve("checkpoints").toUri().toString());
    config.setString(
        "execution.checkpointing.savepoint-dir", dir.resolve("savepoints").toUri().toString());
    if (checkpoints != null) {
      config.setString("execution.checkpointing.interval", checkpoints.toMillis() + " ms");
      config.setString("execution.checkpointing.mode", "EXACTLY_ONCE");
    }
    config.setString("restart-strategy.type", "none");
    config.setString("rest.bind-address", "127.0.0.1");
    config.setString("rest.address", "127.0.0.1");
    config.setString("rest.bind-port", "0");
    config.setString("jobmanager.bind-host", "127.0.0.1");
    config.setString("taskmanager.bind-host", "127.0.0.1");
    config.setString("taskmanager.host", "127.0.0.1");
    config.setString("io.tmp.dirs", dir.resolve("io").toString());
    return config;
  }

  /** Restarts after a failure, at most {@code attempts} times. */
  static Configuration restarting(Configuration config, int attempts) {
    config.setString("restart-strategy.type", "fixed-delay");
    config.setString("restart-strategy.fixed-delay.attempts", Integer.toString(attempts));
    config.setString("restart-strategy.fixed-delay.delay", "200 ms");
    return config;
  }

  /** A started job; closing cancels it if still running. */
  static final class RunningJob implements AutoCloseable {
    final JobClient client;

    RunningJob(JobClient client) {
      this.client = client;
    }

    /** Waits until {@code condition} holds; fails with the job's failure if the job ends first. */
    void await(BooleanSupplier condition, Duration timeout, String what) throws Exception {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!condition.getAsBoolean()) {
        if (client.getJobExecutionResult().isDone()) {
          client.getJobExecutionResult().get();
          throw new IllegalStateException("the job ended before " + what);
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError("not within " + timeout + ": " + what);
        }
        Thread.sleep(250);
      }
    }

    /** Throws the job's failure if it has ended. */
    void requireRunning() throws Exception {
      if (client.getJobExecutionResult().isDone()) {
        client.getJobExecutionResult().get();
        throw new IllegalStateException("the job has ended");
      }
    }

    /** The failure the job ended with. */
    Throwable awaitFailure(Duration timeout) throws Exception {
      try {
        client.getJobExecutionResult().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        return e.getCause();
      }
      throw new AssertionError("the job ended without failing");
    }

    String stopWithSavepoint(Path directory) throws Exception {
      String path =
          client
              .stopWithSavepoint(false, directory.toUri().toString(), SavepointFormatType.CANONICAL)
              .get(120, TimeUnit.SECONDS);
      client.getJobExecutionResult().get(60, TimeUnit.SECONDS);
      return path;
    }

    @Override
    public void close() throws Exception {
      if (!client.getJobExecutionResult().isDone()) {
        client.cancel().get(60, TimeUnit.SECONDS);
      }
      try {
        client.getJobExecutionResult().get(60, TimeUnit.SECONDS);
      } catch (ExecutionException endedByCancelOrFailure) {
        // ended
      }
    }
  }

  static RunningJob start(Configuration config, StatefulFunctionModule module, String jobName)
      throws Exception {
    config.setString("statefun.flink-job-name", jobName);
    ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
    StatefulFunctionsConfig statefun =
        StatefulFunctionsConfig.fromFlinkConfiguration(config, classLoader);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
    StatefulFunctionsPipeline.build(
        env, statefun, ModuleSet.of(false, List.of(module), Map.of()), List.of());
    return new RunningJob(env.executeAsync(jobName));
  }

  /** Builds the job graph without running it; returns the build failure, if any. */
  static void build(Configuration config, StatefulFunctionModule module) {
    ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
    StatefulFunctionsConfig statefun =
        StatefulFunctionsConfig.fromFlinkConfiguration(config, classLoader);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
    StatefulFunctionsPipeline.build(
        env, statefun, ModuleSet.of(false, List.of(module), Map.of()), List.of());
  }
}
