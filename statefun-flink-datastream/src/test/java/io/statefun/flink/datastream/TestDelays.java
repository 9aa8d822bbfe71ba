package io.statefun.flink.datastream;

import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs test work after a delay on a thread the tests own: the functions of a test job complete
 * their async operations through it. Unlike {@code CompletableFuture.delayedExecutor}, it shares
 * its thread with no other code of the JVM, and starts no thread per task.
 */
final class TestDelays {
  private static final ScheduledExecutorService SCHEDULER =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "statefun-test-delays");
            thread.setDaemon(true);
            return thread;
          });

  private TestDelays() {}

  /** An executor that runs each task {@code millis} ms after it was handed over. */
  static Executor after(long millis) {
    return task -> SCHEDULER.schedule(task, millis, TimeUnit.MILLISECONDS);
  }
}
