package io.statefun.flink.harness.exactlyonce;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/**
 * The exactly-once suite with a feedback channel budget of zero: every record on the loop, and
 * every checkpoint's sentinel, goes through the channel's spill, and full spill blocks through
 * files in the task manager's temporary directories.
 */
class ExactlyOnceFeedbackSpillingIT extends ExactlyOnceFeedbackIT {
  private static final Path TMP = Path.of("target", "exactly-once-spilling-tmp").toAbsolutePath();

  @Override
  Map<String, String> variantSettings() {
    return Map.of("statefun.feedback.channel.memory.size", "0b", "io.tmp.dirs", TMP.toString());
  }

  @AfterEach
  void everyJobSpilledToFiles() {
    assertThat(reporter.gaugeSum("feedbackQueueSpilledBytesTotal"))
        .as("bytes the feedback channels wrote to spill files")
        .isPositive();
  }
}
