package io.statefun.flink.harness.exactlyonce;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The exactly-once suite with a feedback channel budget of zero: every record on the loop, and
 * every checkpoint's sentinel, goes through the channel's spill, and full spill blocks through
 * files in the task manager's temporary directories.
 */
class ExactlyOnceFeedbackSpillingIT extends ExactlyOnceFeedbackIT {
  private static final Path TMP = Path.of("target", "exactly-once-spilling-tmp").toAbsolutePath();
  private static final AtomicLong SPILLED_TO_FILES = new AtomicLong();

  @Override
  Map<String, String> variantSettings() {
    return Map.of("statefun.feedback.channel.memory.size", "0b", "io.tmp.dirs", TMP.toString());
  }

  @BeforeAll
  static void countSpillOfThisClass() {
    SPILLED_TO_FILES.set(0);
  }

  @AfterEach
  void countSpilledToFiles() {
    SPILLED_TO_FILES.addAndGet(reporter.gaugeSum("feedbackQueueSpilledBytesTotal"));
  }

  /**
   * The spill keeps its newest block in memory and writes only full blocks to files. A short case's
   * loop can keep up with the spill so that no block fills, so files are checked over the whole
   * class rather than per case.
   */
  @AfterAll
  static void theClassSpilledToFiles() {
    assertThat(SPILLED_TO_FILES.get())
        .as("bytes the feedback channels of the class's jobs wrote to spill files")
        .isPositive();
  }
}
