package io.statefun.flink.core.feedback;

import static io.statefun.flink.core.feedback.LogTestSupport.memoryStream;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.runtime.state.KeyGroupRange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task that ends through a failure no operator entry point saw: Flink's cleanup cancels the
 * not-yet-started async snapshot part on the task thread, which waits for the open log's lease,
 * before it closes the operator that would release it. The watch must release it.
 */
class LeaseWatchTest {
  private static final KeyGroupRange RANGE = KeyGroupRange.of(0, 3);

  @TempDir File spillDir;
  private final List<FeedbackLogger> loggers = new ArrayList<>();
  private final RecordingMetricGroup metrics = new RecordingMetricGroup();
  private final AtomicBoolean taskEnding = new AtomicBoolean();
  private LeaseWatch watch;

  @AfterEach
  void closeAll() {
    if (watch != null) {
      watch.close();
    }
    loggers.forEach(FeedbackLogger::close);
  }

  private FeedbackLogger watchedLogger() {
    FeedbackLogger logger = LogTestSupport.newLogger(RANGE, 1 << 20, spillDir, loggers, metrics);
    watch = LeaseWatch.start(taskEnding::get, logger::releaseForEndingTask, "test");
    return logger;
  }

  @Test
  void aCancelWaitingForAnOpenLogReturnsOnceTheTaskEnds() throws Exception {
    FeedbackLogger logger = watchedLogger();
    RawKeyedStream stream = memoryStream(RANGE);
    logger.startLogging(1, stream.out(), stream.failer(), List.of());

    CompletableFuture<Void> cancel = stream.cancelBeforeStarted();
    // What the stall showed: the cancel waits for the lease while the task is still considered
    // running by the watch (nothing is released yet).
    Thread.sleep(1000);
    assertThat(cancel).as("the cancel waits for the open log's lease").isNotDone();

    taskEnding.set(true);
    cancel.get(60, TimeUnit.SECONDS);
    assertThat(stream.snapshotCancelled())
        .as("the async part was cancelled: no handle is made from the incomplete log")
        .isTrue();

    // The task thread's later close of the operator releases again, harmlessly.
    logger.close();
    assertThat(logger.isLogging()).isFalse();
  }

  @Test
  void whileTheTaskRunsTheLogKeepsItsLeaseAndCommits() throws Exception {
    FeedbackLogger logger = watchedLogger();
    RawKeyedStream stream = memoryStream(RANGE);
    logger.startLogging(1, stream.out(), stream.failer(), List.of());

    assertThat(stream.isLeased()).as("the async part waits for the sentinel").isTrue();

    logger.commit(1);
    assertThat(stream.isReleased()).isTrue();
    assertThat(LogTestSupport.closeAndGetHandle(stream)).isNotNull();
  }
}
