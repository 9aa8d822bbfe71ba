package io.statefun.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every workload runs to completion at a tiny size and reports a RESULT line. No timing. */
class BenchmarkSmokeTest {

  @ParameterizedTest
  @ValueSource(strings = {"W1", "W2", "W3", "W3s", "W4", "raw"})
  void runsToCompletion(String workload) throws Exception {
    // W4 gets enough hops for its latency window (20 % to 90 % of the hops) to hold some.
    int hops = workload.equals("W4") ? 1000 : 50;
    BenchmarkOptions options =
        BenchmarkOptions.parse(
            new String[] {
              "--workload",
              workload,
              "--n",
              "2000",
              "--k",
              "100",
              "--loops",
              "4",
              "--hops",
              "" + hops
            });
    String result = BenchmarkCli.run(options);

    boolean loops = workload.startsWith("W3") || workload.equals("W4");
    assertThat(result)
        .startsWith("RESULT workload=" + workload + " backend=hashmap rate=")
        .contains(loops ? "unit=hops/s" : "unit=events/s")
        .containsPattern("rss_mb=-?\\d+ cpu_us=-?\\d+\\.\\d+$");
    assertThat(Progress.EGRESS.get()).isEqualTo(loops ? 4 : 2000);
    if (loops) {
      // hops are reported in batches of up to 256 per instance; each loop's partner may hold 255
      assertThat(Progress.UNITS.get()).isBetween(4L * hops - 4 * 255, 4L * hops);
    } else {
      assertThat(Progress.UNITS.get()).isEqualTo(2000);
    }
    if (workload.equals("W4")) {
      assertThat(result).containsPattern("p50_ms=\\d+\\.\\d+ p99_ms=\\d+\\.\\d+");
      // hops within the measured window only, each loop's first hop having no predecessor
      assertThat(Progress.LATENCY_COUNT.get()).isPositive().isLessThanOrEqualTo(4 * (hops - 1));
    }
  }

  @Test
  void rejectsUnknownWorkloadsAndBackends() {
    assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] {"--workload", "W9"}))
        .hasMessageContaining("--workload");
    assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] {"--backend", "mem"}))
        .hasMessageContaining("--backend");
  }
}
