package io.statefun.flink.harness.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A fan-out tree of {@value FanOutSpillJob#FAN_OUT}^{@value FanOutSpillJob#DEPTH} (4,194,304)
 * leaves, about 5.6 million messages, through the feedback loop in a child JVM with a 256 MB heap:
 * a whole level of the tree waits in one feedback channel at once, far more than that heap holds as
 * objects. With a 4 MB channel budget the rest is spilled, the job completes with every counter's
 * exact share, and the spill files are gone afterwards.
 */
class FanOutSpillIT {
  private static final String HEAP = "-Xmx256m";

  @Test
  void aFanOutTreeOfMillionsCompletesExactlyInASmallHeap() throws Exception {
    Path work = Path.of("target", "fanout-spill").toAbsolutePath();
    Files.createDirectories(work);
    Path log = work.resolve("child.log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add(HEAP);
    command.add("-XX:+UseSerialGC"); // one GC thread: the machine is shared
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-opens") || arg.startsWith("--add-exports")) {
        command.add(arg);
      }
    }
    command.add("-Djava.io.tmpdir=" + work.resolve("tmp"));
    command.add("-cp");
    command.add(
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
            .replace(File.pathSeparator + File.pathSeparator, File.pathSeparator));
    command.add(FanOutSpillJob.class.getName());
    command.add(work.toString());
    command.add("4mb");

    Process child =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      boolean ended = child.waitFor(15, TimeUnit.MINUTES);
      assertThat(ended).as("the child job ended within 15 minutes; see %s", log).isTrue();
      Map<String, String> results = results(log);
      System.out.println("[fan-out " + HEAP + "] " + results);
      assertThat(child.exitValue()).as("the child's exit code; see %s", log).isZero();
      assertThat(results.get("counters")).isEqualTo(String.valueOf(FanOutSpillJob.COUNTERS));
      assertThat(results.get("exceeded")).as("counters that got a leaf twice").isEqualTo("0");
      assertThat(Long.parseLong(results.get("leaves"))).isEqualTo(FanOutSpillJob.LEAVES);
      assertThat(Long.parseLong(results.get("spilledBytesTotal")))
          .as("the burst did not fit the budget")
          .isGreaterThan(100L * 1024 * 1024);
      assertThat(results.get("spillFilesLeft")).isEqualTo("0");
    } finally {
      child.destroyForcibly();
    }
  }

  private static Map<String, String> results(Path log) throws Exception {
    Map<String, String> results = new HashMap<>();
    for (String line : Files.readAllLines(log)) {
      if (line.startsWith("RESULT ")) {
        String[] kv = line.substring("RESULT ".length()).split("=", 2);
        results.put(kv[0], kv[1]);
      }
    }
    return results;
  }
}
