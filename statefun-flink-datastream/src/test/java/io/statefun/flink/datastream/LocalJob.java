package io.statefun.flink.datastream;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** A DataStream job on a local MiniCluster of its own: start, wait for a condition, stop. */
final class LocalJob implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(120);

  private final JobClient client;

  private LocalJob(JobClient client) {
    this.client = client;
  }

  /**
   * The environment of a test job: {@code backend}, {@code parallelism}, everything bound to
   * 127.0.0.1, checkpoints under {@code dir}, restarts on failure, optionally restored from {@code
   * savepoint}.
   */
  static StreamExecutionEnvironment environment(
      String backend, int parallelism, Path dir, String savepoint) {
    Configuration config = new Configuration();
    config.setString("state.backend.type", backend);
    config.setString("taskmanager.memory.managed.size", "128m");
    config.setString("rest.bind-port", "0");
    config.setString("rest.bind-address", "127.0.0.1");
    config.setString("rest.address", "127.0.0.1");
    config.setString("jobmanager.bind-host", "127.0.0.1");
    config.setString("taskmanager.bind-host", "127.0.0.1");
    config.setString("taskmanager.host", "127.0.0.1");
    config.setString("execution.checkpointing.dir", dir.resolve("checkpoints").toUri().toString());
    config.setString("restart-strategy.type", "fixed-delay");
    config.setString("restart-strategy.fixed-delay.attempts", "10");
    config.setString("restart-strategy.fixed-delay.delay", "100 ms");
    if (savepoint != null) {
      config.setString("execution.state-recovery.path", savepoint);
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
    env.setParallelism(parallelism);
    return env;
  }

  static LocalJob start(StreamExecutionEnvironment env, String name) throws Exception {
    return new LocalJob(env.executeAsync(name));
  }

  /** Polls {@code condition}; fails with the job's failure if it ends first. */
  void await(BooleanSupplier condition, String what) throws Exception {
    await(condition, () -> what);
  }

  /** Polls {@code condition}; on time-out fails with {@code what}'s description of the state. */
  void await(BooleanSupplier condition, java.util.function.Supplier<String> what) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      if (client.getJobExecutionResult().isDone()) {
        client.getJobExecutionResult().get(); // throws the failure
        throw new IllegalStateException("the job ended before " + what.get());
      }
      if (System.nanoTime() > deadline) {
        printTaskThreads();
        throw new TimeoutException("not within " + TIMEOUT + ": " + what.get());
      }
      Thread.sleep(20);
    }
  }

  /** What the job's task threads are doing, for a test that timed out. */
  private static void printTaskThreads() {
    StringBuilder dump = new StringBuilder("task threads at the time-out:\n");
    Thread.getAllStackTraces()
        .forEach(
            (thread, stack) -> {
              if (thread.getName().contains("#")) { // Flink task threads: "name (i/p)#attempt"
                dump.append(thread.getName()).append(' ').append(thread.getState()).append('\n');
                for (StackTraceElement frame : stack) {
                  dump.append("    at ").append(frame).append('\n');
                }
              }
            });
    System.out.println(dump);
  }

  /** Waits for the job to fail; returns the failure. */
  Throwable awaitFailure() throws Exception {
    try {
      client.getJobExecutionResult().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("the job ended without failing");
  }

  /** Stops the job with a canonical savepoint under {@code dir}; returns its path. */
  String stopWithSavepoint(Path dir) throws Exception {
    String path =
        client
            .stopWithSavepoint(
                false, dir.resolve("savepoints").toUri().toString(), SavepointFormatType.CANONICAL)
            .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    client.getJobExecutionResult().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    return path;
  }

  /** Cancels the job if it is still running and waits until it has ended. */
  @Override
  public void close() throws Exception {
    if (!client.getJobExecutionResult().isDone()) {
      try {
        client.cancel().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException | IllegalStateException e) {
        // it ended between the check and the cancel
      }
    }
    try {
      client.getJobExecutionResult().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException ended) {
      // cancelled or failed: it has ended either way
    }
  }
}
