package io.statefun.flink.harness;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;

/** A running harness job: cancel it, stop it with a savepoint, or wait for it to end. */
@PublicEvolving
public final class HarnessJob implements AutoCloseable {
  private static final Duration ENDING_TIMEOUT = Duration.ofSeconds(30);

  private final JobClient client;
  private final CallGraphReporter callGraph;

  HarnessJob(JobClient client, CallGraphReporter callGraph) {
    this.client = client;
    this.callGraph = callGraph;
  }

  /**
   * Who messaged whom so far: the call-graph edge counters of every subtask and attempt of this
   * job, read now. Also readable after the job ended.
   */
  public CallGraph callGraph() {
    return callGraph.callGraph();
  }

  public JobID jobId() {
    return client.getJobID();
  }

  public JobStatus status() throws Exception {
    return client.getJobStatus().get();
  }

  /**
   * Takes a savepoint into {@code directory}, stops the job and waits until it has ended; returns
   * the savepoint's path.
   */
  public String stopWithSavepoint(String directory) throws Exception {
    String path = client.stopWithSavepoint(false, directory, SavepointFormatType.CANONICAL).get();
    client.getJobExecutionResult().get(ENDING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    return path;
  }

  /** Takes a savepoint without stopping the job; returns its path. */
  public String triggerSavepoint(String directory) throws Exception {
    return client.triggerSavepoint(directory, SavepointFormatType.CANONICAL).get();
  }

  /**
   * Cancels the job and waits until it has ended, so that none of its sinks writes afterwards; does
   * nothing if it has already ended.
   */
  public void cancel() throws Exception {
    Exception cancelFailure = null;
    try {
      if (!client.getJobExecutionResult().isDone()) {
        client.cancel().get();
      }
    } catch (ExecutionException | IllegalStateException | RejectedExecutionException e) {
      // It may have ended (and its MiniCluster shut down) between the check and the cancel.
      cancelFailure = e;
    }
    try {
      awaitEnd();
    } catch (TimeoutException stillRunning) {
      throw cancelFailure != null ? cancelFailure : stillRunning;
    }
  }

  /** Waits until the job ends; throws the job's failure if it failed. */
  public void awaitTermination() throws Exception {
    try {
      client.getJobExecutionResult().get();
    } catch (ExecutionException e) {
      throw rootFailure(e);
    }
  }

  /**
   * Waits up to {@code timeout} for the job to end; throws the job's failure if it failed, and
   * cancels it if it is still running afterwards.
   */
  public void awaitTermination(Duration timeout) throws Exception {
    try {
      client.getJobExecutionResult().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException stillRunning) {
      cancel();
    } catch (ExecutionException e) {
      throw rootFailure(e);
    }
  }

  /**
   * Polls {@code condition} until it holds; fails at once with the job's failure if the job ends
   * meanwhile, and with a {@link TimeoutException} after {@code timeout}.
   */
  public void awaitCondition(BooleanSupplier condition, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (client.getJobExecutionResult().isDone()) {
        try {
          client.getJobExecutionResult().get();
        } catch (ExecutionException e) {
          throw rootFailure(e);
        }
        throw new IllegalStateException("the job ended before the condition held");
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("condition did not hold within " + timeout);
      }
      Thread.sleep(20);
    }
  }

  private void awaitEnd() throws Exception {
    try {
      client.getJobExecutionResult().get(ENDING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException cancelled) {
      // a cancelled job's result completes exceptionally: it has ended
    }
  }

  private static Exception rootFailure(ExecutionException e) {
    Throwable cause = e.getCause();
    return cause instanceof Exception ? (Exception) cause : e;
  }

  /** Cancels the job if it is still running. */
  @Override
  public void close() throws Exception {
    cancel();
  }
}
