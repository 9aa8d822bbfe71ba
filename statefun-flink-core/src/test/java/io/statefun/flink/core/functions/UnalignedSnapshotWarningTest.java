package io.statefun.flink.core.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.flink.core.feedback.BarrierAlignment;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A job without periodic checkpoints gets savepoints whose barriers Flink does not align, so the
 * feedback log can hold a message twice: the functions operator says so once, at its first
 * snapshot, from subtask 0.
 */
class UnalignedSnapshotWarningTest {
  private static final String LOGGER = BarrierAlignment.class.getName();

  private final List<String> warnings = new CopyOnWriteArrayList<>();
  private AbstractAppender appender;

  @BeforeEach
  void captureWarnings() {
    appender =
        new AbstractAppender(
            "unaligned-snapshot-warnings", null, null, true, Property.EMPTY_ARRAY) {
          @Override
          public void append(LogEvent event) {
            if (event.getLevel() == Level.WARN) {
              warnings.add(event.getMessage().getFormattedMessage());
            }
          }
        };
    appender.start();
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    LoggerConfig logger = new LoggerConfig(LOGGER, Level.WARN, false);
    logger.addAppender(appender, Level.WARN, null);
    context.getConfiguration().addLogger(LOGGER, logger);
    context.updateLoggers();
  }

  @AfterEach
  void stopCapturing() {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    context.getConfiguration().removeLogger(LOGGER);
    context.updateLoggers();
    appender.stop();
  }

  @Test
  void withoutPeriodicCheckpointsTheFirstSnapshotOfSubtaskZeroWarns() throws Exception {
    for (int subtask = 0; subtask < 2; subtask++) {
      try (FunctionGroupHarness operator = FunctionGroupHarness.open(2, subtask, Map.of())) {
        operator.checkpoint(1, List.of());
        operator.checkpoint(2, List.of());
      }
    }
    assertThat(warnings)
        .singleElement()
        .satisfies(
            w ->
                assertThat(w)
                    .startsWith("checkpoint 1: this job runs without periodic checkpoints")
                    .contains("Set execution.checkpointing.interval"));
  }

  @Test
  void withPeriodicCheckpointsNothingIsSaid() throws Exception {
    try (FunctionGroupHarness operator =
        FunctionGroupHarness.open(2, 0, Map.of("execution.checkpointing.interval", "10 min"))) {
      operator.checkpoint(1, List.of());
    }
    assertThat(warnings).isEmpty();
  }
}
