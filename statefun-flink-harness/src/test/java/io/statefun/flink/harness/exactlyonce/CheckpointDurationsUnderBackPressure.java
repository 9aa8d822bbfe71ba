package io.statefun.flink.harness.exactlyonce;

import io.statefun.flink.harness.Harness;
import io.statefun.flink.harness.HarnessJob;
import io.statefun.flink.harness.metrics.CheckpointTraces;
import io.statefun.flink.harness.metrics.CheckpointTraces.Checkpoint;
import java.time.Duration;
import java.util.List;

/**
 * Measures checkpoint durations with aligned and with unaligned checkpoints under back-pressure:
 * ping-pong loops across the two subtasks (as in benchmark W3) next to a slow, never-ending work
 * stream that keeps the ingress back-pressured. Runs {@code rounds} rounds of an aligned and an
 * unaligned job, interleaved, each for {@code seconds}, and prints one line per run and the
 * medians. Not a test: run it by hand (see statefun-docs/performance.md).
 *
 * <p>Arguments: {@code [rounds] [seconds] [backend] [work-millis] [checkpoint-interval-ms]}.
 */
public final class CheckpointDurationsUnderBackPressure {
  private static final long LOOPS = 200;

  private CheckpointDurationsUnderBackPressure() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    long seconds = args.length > 1 ? Long.parseLong(args[1]) : 30;
    String backend = args.length > 2 ? args[2] : "hashmap";
    String workMillis = args.length > 3 ? args[3] : "2";
    long intervalMillis = args.length > 4 ? Long.parseLong(args[4]) : 1000;
    StringBuilder summary = new StringBuilder();
    for (int round = 1; round <= rounds; round++) {
      for (boolean unaligned : new boolean[] {false, true}) {
        String line =
            run(unaligned, Duration.ofSeconds(seconds), backend, workMillis, intervalMillis);
        System.out.println("round " + round + " " + line);
        summary.append("round ").append(round).append(' ').append(line).append('\n');
      }
    }
    System.out.print(summary);
  }

  private static String run(
      boolean unaligned, Duration length, String backend, String workMillis, long intervalMillis)
      throws Exception {
    CheckpointTraces traces = CheckpointTraces.create();
    try {
      Harness harness =
          traces
              .addTo(new Harness())
              .withParallelism(BackPressuredLoops.PARALLELISM)
              .withStateBackend(backend)
              .withCheckpointInterval(Duration.ofMillis(intervalMillis))
              .withConfiguration(
                  "execution.checkpointing.unaligned.enabled", Boolean.toString(unaligned))
              .withServiceLoaderModules(false)
              .withModule(new BackPressuredLoops.Module())
              // Loops that outlast the run: the loop is as busy at the end as at the start.
              .withGlobalConfiguration(BackPressuredLoops.HOPS, Integer.toString(1_000_000_000))
              .withGlobalConfiguration(BackPressuredLoops.WORK_MILLIS, workMillis)
              .withGeneratedIngress(BackPressuredLoops.LOOPS, LOOPS, index -> index)
              .withGeneratedIngress(
                  BackPressuredLoops.WORK, Long.MAX_VALUE, BackPressuredLoops::work)
              .withConsumingEgress(BackPressuredLoops.DONE, done -> {});
      long hops;
      try (HarnessJob job = harness.startAsync()) {
        long deadline = System.nanoTime() + length.toNanos();
        while (System.nanoTime() < deadline) {
          Thread.sleep(200);
        }
        hops = job.metricTotal("invocations");
      }
      List<Checkpoint> checkpoints = traces.completedCheckpoints();
      long[] millis = checkpoints.stream().mapToLong(Checkpoint::durationMillis).sorted().toArray();
      long persisted =
          checkpoints.stream().mapToLong(Checkpoint::persistedInFlightBytes).max().orElse(0);
      return String.format(
          "%s backend=%s checkpoints=%d p50_ms=%d p90_ms=%d max_ms=%d"
              + " max_in_flight_kb=%d invocations=%d",
          unaligned ? "unaligned" : "aligned  ",
          backend,
          millis.length,
          percentile(millis, 0.5),
          percentile(millis, 0.9),
          millis.length == 0 ? -1 : millis[millis.length - 1],
          persisted / 1024,
          hops);
    } finally {
      traces.unregister();
    }
  }

  private static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return -1;
    }
    return sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))];
  }
}
