package io.statefun.flink.harness.observe;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.annotation.Internal;

/**
 * The runs of this JVM's harness jobs, by run id: how the pieces Flink instantiates inside the
 * MiniCluster (the metric reporter, collecting sinks, fault-injecting functions) reach the {@link
 * HarnessRun} of their job. A run is registered when its job is submitted and removed when the job
 * has ended, so nothing outlives its job.
 */
@Internal
public final class HarnessRuns {
  private static final Map<String, HarnessRun> RUNS = new ConcurrentHashMap<>();

  private HarnessRuns() {}

  public static void register(HarnessRun run) {
    if (RUNS.putIfAbsent(run.id(), run) != null) {
      throw new IllegalStateException("harness run " + run.id() + " is already registered");
    }
  }

  public static void remove(String runId) {
    RUNS.remove(runId);
  }

  /**
   * @throws IllegalStateException if the run has ended (or never started in this JVM)
   */
  public static HarnessRun get(String runId) {
    HarnessRun run = RUNS.get(runId);
    if (run == null) {
      throw new IllegalStateException(
          "harness run "
              + runId
              + " is not running in this JVM: harness observers, faults and collecting egresses"
              + " work on the harness's in-process MiniCluster only");
    }
    return run;
  }

  /** The ids of the runs registered now; for tests that check that ended runs are gone. */
  public static Set<String> active() {
    return Set.copyOf(RUNS.keySet());
  }
}
