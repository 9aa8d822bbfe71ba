package io.statefun.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.e2e.cluster.FlinkCluster;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterStartIT {
  @Test
  void startsAndStops() throws Exception {
    Path lib = Path.of(System.getProperty("flink.lib.dir"));
    Path work = Path.of(System.getProperty("e2e.work.dir"), "smoke-" + System.currentTimeMillis());
    long t0 = System.nanoTime();
    try (FlinkCluster cluster = FlinkCluster.start(lib, work, 2, 1, Map.of())) {
      System.out.println("started in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
      assertThat(cluster.rest().taskManagerIds()).hasSize(2);
      Process ss = new ProcessBuilder("ss", "-ltnp").redirectErrorStream(true).start();
      System.out.println(new String(ss.getInputStream().readAllBytes()));
    }
  }
}
