package io.statefun.benchmarks;

import io.statefun.flink.harness.Harness;
import io.statefun.flink.harness.HarnessJob;
import io.statefun.flink.harness.io.ConsumingSink;
import io.statefun.flink.harness.io.GeneratorSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs one benchmark workload on an in-process MiniCluster and prints one line: {@code RESULT
 * workload=… backend=… rate=… unit=… calls=… p50_ms=… p99_ms=… rss_mb=…}.
 */
public final class BenchmarkCli {
  private static final Duration TIMEOUT = Duration.ofMinutes(30);

  /** The ping-pong token has a serializer of its own, registered with Kryo. */
  static final String SERIALIZATION_CONFIG =
      "["
          + Workloads.Hop.class.getName()
          + ": {type: kryo, kryo-type: registered, class: "
          + HopSerializer.class.getName()
          + "}]";

  private BenchmarkCli() {}

  public static void main(String[] args) throws Exception {
    System.out.println(run(BenchmarkOptions.parse(args)));
  }

  static String run(BenchmarkOptions options) throws Exception {
    boolean loops = options.workload().startsWith("W3") || options.workload().equals("W4");
    long inputs = loops ? options.loops() : options.n();
    long egressPerInput = 1;
    long unitsPerEgress = loops ? options.hops() : 1;
    long callsPerInput =
        switch (options.workload()) {
          case "W2" -> 3;
          case "W3", "W3s", "W4" -> options.hops();
          default -> 1;
        };
    long units = inputs * unitsPerEgress;
    Progress.reset(
        inputs * egressPerInput, units, options.workload().equals("W4") ? (int) units : 0);

    Harness harness =
        new Harness()
            .withParallelism(options.parallelism())
            .withStateBackend(options.backend())
            .withCheckpointInterval(options.checkpointInterval())
            .withServiceLoaderModules(false)
            // A cluster hands local messages over as objects; measure that.
            .withStrictSerialization(false)
            // The ping-pong token has a serializer of its own, registered with Kryo.
            .withConfiguration(
                "pipeline.serialization-config",
                "["
                    + Workloads.Hop.class.getName()
                    + ": {type: kryo, kryo-type: registered, class: "
                    + HopSerializer.class.getName()
                    + "}]");
    options.configuration().forEach(harness::withConfiguration);
    if (options.workload().equals("raw")) {
      runRaw(harness, options);
    } else {
      harness
          .withModule(new Workloads.Module(options))
          .withGeneratedIngress(Workloads.EVENTS, inputs, index -> index)
          .withConsumingEgress(Workloads.DONE, record -> countEgress(loops));
      try (HarnessJob job = harness.startAsync()) {
        job.awaitCondition(Progress::done, TIMEOUT);
      }
    }
    long finishedNanos = System.nanoTime();

    // Hops are reported in batches per instance, so a run may finish a few hops short of 90 %.
    long end = Progress.at90Nanos != 0 ? Progress.at90Nanos : finishedNanos;
    double seconds = (end - Progress.at20Nanos) / 1e9;
    double rate = 0.7 * Progress.expectedUnits / seconds;
    String unit = loops ? "hops/s" : "events/s";
    // CPU per unit in the same window: steadier than the rate on a shared machine, for A/B runs.
    long cpuNanos = Progress.at90CpuNanos - Progress.at20CpuNanos;
    double cpuMicrosPerUnit =
        Progress.at90CpuNanos > 0 && Progress.at20CpuNanos >= 0
            ? cpuNanos / 1000.0 / (0.7 * Progress.expectedUnits)
            : -1;
    String latency = latencyFields();
    return String.format(
        "RESULT workload=%s backend=%s rate=%.0f unit=%s calls=%d%s rss_mb=%d cpu_us=%.3f",
        options.workload(),
        options.backend(),
        rate,
        unit,
        inputs * callsPerInput,
        latency,
        peakRssMb(),
        cpuMicrosPerUnit);
  }

  private static void runRaw(Harness harness, BenchmarkOptions options) throws Exception {
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(harness.effectiveConfiguration());
    int k = options.k();
    env.fromSource(
            new GeneratorSource<Long>(index -> index, options.n(), 0),
            WatermarkStrategy.noWatermarks(),
            "events",
            Types.LONG)
        .keyBy(event -> Workloads.idOf(event, 0, k), Types.STRING)
        .process(new RawFlinkCounter(), Types.LONG)
        .sinkTo(new ConsumingSink<Long>(record -> countEgress(false)));
    JobClient client = env.executeAsync("raw");
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!Progress.done() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    client.cancel().get();
  }

  /** Event workloads finish one unit per egress record; loop workloads count hops themselves. */
  private static void countEgress(boolean loops) {
    Progress.egress();
    if (!loops) {
      Progress.units(1);
    }
  }

  private static String latencyFields() {
    int count = Math.min(Progress.LATENCY_COUNT.get(), Progress.latenciesMicros.length);
    if (count == 0) {
      return "";
    }
    long[] sorted = Arrays.copyOf(Progress.latenciesMicros, count);
    Arrays.sort(sorted);
    return String.format(
        " p50_ms=%.3f p99_ms=%.3f",
        sorted[(int) (count * 0.50)] / 1000.0, sorted[(int) (count * 0.99)] / 1000.0);
  }

  /** Peak resident set size of this JVM (VmHWM), in MiB; -1 where /proc is not available. */
  static long peakRssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (Exception e) {
      // not Linux
    }
    return -1;
  }
}
