package io.statefun.flink.core.functions;

import static io.statefun.flink.core.functions.FunctionGroupHarness.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.flink.core.feedback.CheckpointSentinel;
import io.statefun.flink.core.functions.TestFunctions.Cmd;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.flink.streaming.api.operators.OperatorSnapshotFinalizer;
import org.apache.flink.streaming.api.operators.OperatorSnapshotFutures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A function fails while a checkpoint's feedback log is open (snapshot taken, sentinel not back).
 * The task's cleanup waits for that snapshot before it closes the operator, so the failure itself
 * must fail the snapshot and release it: its asynchronous part then ends, exceptionally, instead of
 * waiting for a sentinel that never comes (the task and its slot would stay taken).
 */
class FunctionFailureWithOpenLogTest {
  /** Far beyond what the asynchronous part needs when it is not blocked. */
  private static final long BOUND_SECONDS = 60;

  /**
   * Runs the asynchronous parts, one thread each (a part may block until released, and must not
   * hold up another, nor anything else of the JVM as the common pool would).
   */
  private ExecutorService asyncThreads;

  @BeforeEach
  void reset() {
    TestFunctions.reset();
    asyncThreads = Executors.newCachedThreadPool();
  }

  @AfterEach
  void stopAsyncThreads() {
    asyncThreads.shutdownNow();
  }

  /** The asynchronous part of the snapshot, run on its own thread as the task runs it. */
  private CompletableFuture<Object> asyncPart(OperatorSnapshotFutures futures) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return OperatorSnapshotFinalizer.create(futures);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        },
        asyncThreads);
  }

  private static void assertFailsWithinBound(CompletableFuture<Object> asyncPart) {
    assertThatThrownBy(() -> asyncPart.get(BOUND_SECONDS, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class);
  }

  @Test
  void aFailingInputInvocationFailsTheOpenSnapshot() throws Exception {
    try (FunctionGroupHarness h = FunctionGroupHarness.open(1, 0, settings())) {
      String a = h.localId("a");
      h.process(a, Cmd.count());
      OperatorSnapshotFutures futures = h.snapshot(1);
      CompletableFuture<Object> asyncPart = asyncPart(futures);

      assertThatThrownBy(() -> h.process(a, Cmd.fail()))
          .hasRootCauseMessage("test function failed on purpose");

      assertFailsWithinBound(asyncPart);
    }
  }

  @Test
  void aFailingFeedbackInvocationFailsEveryOpenSnapshot() throws Exception {
    try (FunctionGroupHarness h = FunctionGroupHarness.open(1, 0, settings())) {
      String a = h.localId("a");
      CompletableFuture<Object> first = asyncPart(h.snapshot(1));
      CompletableFuture<Object> second = asyncPart(h.snapshot(2));

      h.feedback("elsewhere", a, Cmd.fail());
      assertThatThrownBy(h::runMails).hasRootCauseMessage("test function failed on purpose");

      assertFailsWithinBound(first);
      assertFailsWithinBound(second);
    }
  }

  @Test
  void aSentinelAfterTheFailureFindsNothingToWrite() throws Exception {
    try (FunctionGroupHarness h = FunctionGroupHarness.open(1, 0, settings())) {
      String a = h.localId("a");
      CompletableFuture<Object> asyncPart = asyncPart(h.snapshot(1));
      assertThatThrownBy(() -> h.process(a, Cmd.fail())).isNotNull();

      h.feedbackChannel().put(new CheckpointSentinel(1));
      h.runMails();

      assertFailsWithinBound(asyncPart);
    }
  }

  @Test
  void withoutAFailureTheSnapshotWaitsForItsSentinel() throws Exception {
    try (FunctionGroupHarness h = FunctionGroupHarness.open(1, 0, settings())) {
      String a = h.localId("a");
      h.process(a, Cmd.count());
      CompletableFuture<Object> asyncPart = asyncPart(h.snapshot(1));
      h.process(a, Cmd.count());
      assertThat(asyncPart).isNotDone();

      h.feedbackChannel().put(new CheckpointSentinel(1));
      h.runMails();

      assertThat(asyncPart.get(BOUND_SECONDS, TimeUnit.SECONDS)).isNotNull();
    }
  }
}
