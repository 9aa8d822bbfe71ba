package io.statefun.flink.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.flink.harness.io.ConsumingSink;
import io.statefun.flink.harness.io.GeneratorSource;
import io.statefun.flink.io.SinkEgressSpec;
import io.statefun.flink.io.SourceIngressSpec;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.io.IngressIdentifier;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A harness run leaves no directory of its own behind, whether or not it is given one. */
class HarnessScratchFilesIT {
  static final IngressIdentifier<String> IN =
      new IngressIdentifier<>(String.class, "scratch", "in");
  static final EgressIdentifier<String> OUT =
      new EgressIdentifier<>("scratch", "out", String.class);
  static final FunctionType ECHO = new FunctionType("scratch", "echo");

  static final class EchoModule implements StatefulFunctionModule, Serializable {
    @Override
    public void configure(Map<String, String> globalConfiguration, Binder binder) {
      binder.bindIngress(
          new SourceIngressSpec<>(
              IN,
              new GeneratorSource<>(index -> "r" + index, 100, 0),
              WatermarkStrategy.noWatermarks()));
      binder.bindIngressRouter(
          IN, (record, downstream) -> downstream.forward(ECHO, record, record));
      binder.bindFunctionProvider(
          ECHO, type -> (context, input) -> context.send(OUT, (String) input));
      binder.bindEgress(new SinkEgressSpec<>(OUT, new ConsumingSink<String>(record -> {})));
    }
  }

  @TempDir Path scratch;
  @TempDir Path given;

  private Harness harness() {
    return new Harness()
        .withServiceLoaderModules(false)
        .withModule(new EchoModule())
        .withCheckpointInterval(Duration.ofMillis(200))
        .withScratchDirectory(scratch);
  }

  @Test
  void aGivenCheckpointDirectoryIsUsedAndNoOtherIsMade() throws Exception {
    Harness harness =
        harness().withConfiguration("execution.checkpointing.dir", given.toUri().toString());
    try (HarnessJob job = harness.startAsync()) {
      job.awaitCondition(() -> running(job), Duration.ofSeconds(120));
      assertThat(list(scratch)).as("harness scratch directory while running").isEmpty();
    }
    assertThat(list(scratch)).as("harness scratch directory after the run").isEmpty();
    assertThat(list(given)).as("the given checkpoint directory").isNotEmpty();
  }

  @Test
  void theDefaultCheckpointDirectoryIsDeletedWhenTheJobEnds() throws Exception {
    try (HarnessJob job = harness().startAsync()) {
      job.awaitCondition(() -> running(job), Duration.ofSeconds(120));
      List<String> made = list(scratch);
      assertThat(made).hasSize(1);
      assertThat(made.get(0)).startsWith("statefun-harness-checkpoints");
    }
    assertThat(list(scratch)).as("harness scratch directory after the run").isEmpty();
  }

  @Test
  void effectiveConfigurationMakesNoDirectoryWhenOneIsGiven() throws Exception {
    harness()
        .withConfiguration("execution.checkpointing.dir", given.toUri().toString())
        .effectiveConfiguration();

    assertThat(list(scratch)).isEmpty();
  }

  private static boolean running(HarnessJob job) {
    try {
      return job.status() == JobStatus.RUNNING;
    } catch (Exception e) {
      return false;
    }
  }

  private static List<String> list(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }
}
