package io.statefun.flink.core.feedback;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.flink.annotation.Internal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Releases the feedback logs' leases when the task ends while logs are open, from a thread of its
 * own. This is needed because the task thread cannot do it in time: when a task ends through a
 * failure that no operator entry point saw (a failed upstream partition, say), Flink's task cleanup
 * first clears the thread's interrupt and closes the checkpoint coordinator, which cancels any
 * snapshot whose asynchronous part has not started. For the raw keyed state stream that means
 * waiting, on the task thread, until every lease is released, and the operators (whose close would
 * release them) are closed only afterwards.
 */
@Internal
public final class LeaseWatch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LeaseWatch.class);
  private static final long PERIOD_MILLIS = 100;

  private final ScheduledExecutorService timer;

  private LeaseWatch(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  /**
   * Starts watching.
   *
   * @param taskEnding whether the task is failing or cancelled; polled, so it must be cheap and
   *     thread-safe
   * @param release fails and releases the open logs; called on the watch's thread, again on every
   *     poll while the task is ending
   * @param name names the watch's thread
   */
  public static LeaseWatch start(BooleanSupplier taskEnding, Runnable release, String name) {
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "statefun-lease-watch " + name);
              thread.setDaemon(true);
              return thread;
            });
    timer.scheduleWithFixedDelay(
        () -> {
          try {
            if (taskEnding.getAsBoolean()) {
              release.run();
            }
          } catch (RuntimeException e) {
            // Keep watching: a failed poll must not end the schedule.
            LOG.debug("releasing the feedback logs of {} failed", name, e);
          }
        },
        PERIOD_MILLIS,
        PERIOD_MILLIS,
        TimeUnit.MILLISECONDS);
    return new LeaseWatch(timer);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
