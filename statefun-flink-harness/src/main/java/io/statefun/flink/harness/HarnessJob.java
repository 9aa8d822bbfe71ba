package io.statefun.flink.harness;

import io.statefun.flink.harness.chaos.FiredFault;
import io.statefun.flink.harness.observe.EgressCollector;
import io.statefun.flink.harness.observe.HarnessRun;
import io.statefun.flink.harness.observe.HarnessRuns;
import io.statefun.flink.harness.observe.LiveMetrics;
import io.statefun.flink.harness.observe.Quiescence;
import io.statefun.sdk.io.EgressIdentifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.checkpoint.CheckpointException;
import org.apache.flink.runtime.checkpoint.CheckpointFailureReason;

/**
 * A running harness job: cancel it, stop it with a savepoint, or wait for it to end; and observe
 * it: completed checkpoints, restarts, injected faults, collected egress records, quiescence and
 * metrics, all read from Flink's metric system while the job runs.
 */
@PublicEvolving
public final class HarnessJob implements AutoCloseable {
  /**
   * How long a job is given to end once asked to, or to have every task running for a savepoint. A
   * MiniCluster on a loaded machine (a CI runner, several builds at once) may need far more than
   * the usual second or two; the wait ends as soon as the job does.
   */
  private static final Duration ENDING_TIMEOUT = Duration.ofSeconds(120);

  /** The JobManager's job-level gauges. */
  static final String COMPLETED_CHECKPOINTS = "numberOfCompletedCheckpoints";

  static final String RESTARTS = "numRestarts";

  private final JobClient client;
  private final Path ownCheckpoints;
  private final HarnessRun run;
  private final Quiescence quiescence;

  /**
   * @param ownCheckpoints the checkpoint directory the harness made for this job (deleted when the
   *     job ends), or null if one was configured
   */
  HarnessJob(JobClient client, Path ownCheckpoints, HarnessRun run, Quiescence.Shape shape) {
    this.client = client;
    this.ownCheckpoints = ownCheckpoints;
    this.run = run;
    this.quiescence = new Quiescence(run.metrics(), shape);
  }

  // ------------------------------------------------------------------------------------------
  // Observing
  // ------------------------------------------------------------------------------------------

  /** Checkpoints completed so far, over all attempts; 0 before the job is scheduled. */
  public long completedCheckpoints() {
    return Math.max(0, run.metrics().jobValue(COMPLETED_CHECKPOINTS));
  }

  /**
   * Waits until at least {@code n} checkpoints have completed.
   *
   * @throws TimeoutException if they have not within {@code timeout}
   */
  public void awaitCheckpoint(long n, Duration timeout) throws Exception {
    awaitCondition(
        () -> completedCheckpoints() >= n,
        timeout,
        () -> "checkpoint " + n + " (completed: " + completedCheckpoints() + ")");
  }

  /** How often the job has restarted (its current attempt number). */
  public long restarts() {
    return Math.max(0, run.metrics().jobValue(RESTARTS));
  }

  /** Waits until the job has restarted at least {@code n} times and runs again. */
  public void awaitRestarts(long n, Duration timeout) throws Exception {
    awaitCondition(
        () -> restarts() >= n && runningNow(),
        timeout,
        () -> n + " restarts (so far: " + restarts() + ")");
  }

  /** The faults injected so far, in the order they fired. */
  public List<FiredFault> firedFaults() {
    return run.faults().fired();
  }

  /**
   * The records collected from {@code egress} (see {@link Harness#withCollectingEgress}); readable
   * after the job has ended too.
   *
   * @throws IllegalArgumentException if the harness does not collect that egress
   */
  public <T> EgressCollector<T> egress(EgressIdentifier<T> egress) {
    EgressCollector<T> collector = run.collectorIfAny(egress);
    if (collector == null) {
      throw new IllegalArgumentException(
          "egress " + egress + " is not collected; use Harness.withCollectingEgress");
    }
    return collector;
  }

  /**
   * Waits until the job is quiescent: every ingress has emitted all its records and nothing is in
   * flight anywhere — no record in the network between ingresses, functions, the feedback loop and
   * the egresses, none in the feedback channel, no local message, no invocation running, no delayed
   * message pending and no async operation in flight. See {@link Quiescence} for how it is known.
   *
   * @throws TimeoutException naming what is still in flight, if it does not get there in time
   */
  public void awaitQuiescence(Duration timeout) throws Exception {
    awaitCondition(quiescence::reached, timeout, quiescence::describe);
  }

  /**
   * Who messaged whom so far: the call-graph edge counters of every subtask and attempt of this
   * job, read now. Also readable after the job ended.
   */
  public CallGraph callGraph() {
    return run.callGraph().callGraph();
  }

  /**
   * The sum over the running tasks of the metric {@code name} (counters, meters' counts and numeric
   * gauges), e.g. {@code feedbackLogRecordsLastCheckpoint}; 0 if none is registered.
   */
  public long metric(String name) {
    long sum = 0;
    for (LiveMetrics.Entry entry : run.metrics().named(name)) {
      if (!entry.jobLevel()) {
        sum += Math.max(0, entry.value());
      }
    }
    return sum;
  }

  /**
   * The sum of counter {@code name} over the whole run: the running tasks and every task attempt
   * that ended (restarts included), e.g. {@code feedbackLogReplayedRecords} for the records
   * replayed from the feedback log by all restores.
   */
  public long metricTotal(String name) {
    return run.metrics().total(name);
  }

  private boolean runningNow() {
    try {
      return status() == JobStatus.RUNNING;
    } catch (Exception e) {
      return false;
    }
  }

  private void awaitCondition(BooleanSupplier condition, Duration timeout, Supplier<String> what)
      throws Exception {
    try {
      awaitCondition(condition, timeout);
    } catch (TimeoutException e) {
      throw new TimeoutException("not within " + timeout + ": " + what.get());
    }
  }

  public JobID jobId() {
    return client.getJobID();
  }

  public JobStatus status() throws Exception {
    return client.getJobStatus().get();
  }

  /**
   * Takes a savepoint into {@code directory}, stops the job and waits until it has ended; returns
   * the savepoint's path. A job whose tasks are not all running yet (just started, or restarting)
   * is asked again until they are.
   *
   * <p>Needs a job that checkpoints periodically ({@link Harness#withCheckpointInterval}). Without
   * an interval Flink runs the job at-least-once and would not align the savepoint's barriers, so a
   * message in flight round the feedback loop could be saved twice; statefun then refuses the
   * savepoint, this method throws with the reason in the cause chain, and the job keeps running.
   */
  public String stopWithSavepoint(String directory) throws Exception {
    return stopWithSavepoint(directory, SavepointFormatType.CANONICAL);
  }

  /** Like {@link #stopWithSavepoint(String)}, in the given format (native: the backend's own). */
  public String stopWithSavepoint(String directory, SavepointFormatType format) throws Exception {
    try {
      String path = whenAllTasksRun(() -> client.stopWithSavepoint(false, directory, format).get());
      client.getJobExecutionResult().get(ENDING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return path;
    } finally {
      release();
    }
  }

  /**
   * Takes a savepoint without stopping the job; returns its path. Refused without a checkpoint
   * interval, as {@link #stopWithSavepoint(String)} explains.
   */
  public String triggerSavepoint(String directory) throws Exception {
    return triggerSavepoint(directory, SavepointFormatType.CANONICAL);
  }

  /** Like {@link #triggerSavepoint(String)}, in the given format. */
  public String triggerSavepoint(String directory, SavepointFormatType format) throws Exception {
    return whenAllTasksRun(() -> client.triggerSavepoint(directory, format).get());
  }

  private String whenAllTasksRun(Callable<String> savepoint) throws Exception {
    long deadline = System.nanoTime() + ENDING_TIMEOUT.toNanos();
    while (true) {
      try {
        return savepoint.call();
      } catch (ExecutionException e) {
        if (!notAllTasksRunning(e) || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }

  /** Flink refuses a savepoint while a task is still being deployed or restarted. */
  private static boolean notAllTasksRunning(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof CheckpointException checkpoint
          && checkpoint.getCheckpointFailureReason()
              == CheckpointFailureReason.NOT_ALL_REQUIRED_TASKS_RUNNING) {
        return true;
      }
    }
    return false;
  }

  /**
   * Cancels the job and waits until it has ended, so that none of its sinks writes afterwards; does
   * nothing if it has already ended.
   */
  public void cancel() throws Exception {
    try {
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
    } finally {
      release();
    }
  }

  /** Waits until the job ends; throws the job's failure if it failed. */
  public void awaitTermination() throws Exception {
    try {
      client.getJobExecutionResult().get();
    } catch (ExecutionException e) {
      throw rootFailure(e);
    } finally {
      release();
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
    } finally {
      release();
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

  private void release() {
    if (client.getJobExecutionResult().isDone()) {
      HarnessRuns.remove(run.id());
      ScratchFiles.delete(ownCheckpoints);
    }
  }

  /** Cancels the job if it is still running. */
  @Override
  public void close() throws Exception {
    cancel();
  }
}
