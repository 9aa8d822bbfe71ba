package io.statefun.flink.harness.observe;

import io.statefun.flink.harness.chaos.InstrumentedModule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.flink.annotation.Internal;

/**
 * Decides from a job's live metrics whether nothing is in flight. Every figure comes from Flink's
 * metric system, for the task attempts running now (a restart resets all of them together):
 *
 * <ul>
 *   <li>ingresses: the {@code pendingRecords} of every source that reports it is 0;
 *   <li>network edges: what the senders counted out equals what the receivers counted in — the
 *       routers' {@code numRecordsOut} against the functions' {@code numRecordsIn}, and the
 *       functions' {@code numRecordsOut} against the feedback tail's and the egress writers' {@code
 *       numRecordsIn}. A sender counts a record when it hands it to its output buffer, a receiver
 *       when it takes it out, so a record waiting in a buffer (not flushed yet, or on the wire)
 *       shows as a difference;
 *   <li>the functions operator's gauges {@code feedbackQueueSize}, {@code delayedMessagesPending}
 *       and {@code asyncOperationsInFlight} are 0 on every subtask, and no task has a mail queued
 *       ({@code mailboxQueueSize}): local messages left for a later batch, feedback drains and
 *       async completions all wait as mails;
 *   <li>no invocation is running: the functions' {@code harnessInvocationsStarted} equals their
 *       {@code harnessInvocationsFinished} (counted when the harness instruments the modules, that
 *       is when it has faults or collecting egresses);
 *   <li>every subtask of the job graph runs, all in the same attempt;
 *   <li>and the counters did not move between consecutive reads: a record handed from one place to
 *       the next (the tail's input to the channel, the channel to an invocation, an invocation to
 *       its sends) moves a counter when it arrives.
 * </ul>
 */
@Internal
public final class Quiescence {
  static final String FUNCTIONS = "statefun-functions";
  static final String SOURCE_TASK = "Source: ";

  /** Quiet reads in a row, and the least time they span, before quiescence is reported. */
  static final int QUIET_READS = 3;

  static final long QUIET_NANOS = 100_000_000L;

  private final LiveMetrics metrics;
  private final int subtasks;
  private Snapshot previous;
  private int quietReads;
  private long quietSince;
  private String lastReason = "not read yet";

  /**
   * @param subtasks how many subtasks the job runs, all tasks together
   */
  public Quiescence(LiveMetrics metrics, int subtasks) {
    this.metrics = metrics;
    this.subtasks = subtasks;
  }

  /** Reads the metrics once; true once they were quiet and unchanged for a few reads. */
  public synchronized boolean reached() {
    Snapshot now = Snapshot.take(metrics);
    List<String> busy = now.busy(subtasks);
    long nanos = System.nanoTime();
    if (!busy.isEmpty() || !now.equals(previous)) {
      quietReads = busy.isEmpty() ? 1 : 0;
      quietSince = nanos;
      lastReason = busy.isEmpty() ? "counters still moving: " + now : String.join("; ", busy);
    } else {
      quietReads++;
      lastReason = "quiet for " + quietReads + " reads: " + now;
    }
    previous = now;
    return quietReads >= QUIET_READS && nanos - quietSince >= QUIET_NANOS;
  }

  /** What kept the last read from being quiet. */
  public synchronized String describe() {
    return "quiescence; last read: " + lastReason;
  }

  /** The figures of one read. */
  record Snapshot(
      long sourcesPending,
      long networkOut,
      long networkIn,
      long feedbackQueue,
      long mails,
      long invocationsRunning,
      long delayedPending,
      long asyncInFlight,
      int runningSubtasks,
      int attempts) {

    static Snapshot take(LiveMetrics metrics) {
      // Read the gauges of work still to come before the counters of work done, so that work
      // that moves on between the two reads shows in the counters.
      // Invocations finished before started: one that starts in between shows as running.
      long finished = sum(metrics.named(InstrumentedModule.FINISHED), e -> true);
      long started = sum(metrics.named(InstrumentedModule.STARTED), e -> true);
      long sourcesPending = sum(metrics.named("pendingRecords"), e -> true);
      long feedback = sum(metrics.named("feedbackQueueSize"), Snapshot::functions);
      long delayed = sum(metrics.named("delayedMessagesPending"), Snapshot::functions);
      long async = sum(metrics.named("asyncOperationsInFlight"), Snapshot::functions);
      long mails = sum(metrics.named("mailboxQueueSize"), Snapshot::taskLevel);
      List<LiveMetrics.Entry> in = metrics.named("numRecordsIn");
      List<LiveMetrics.Entry> out = metrics.named("numRecordsOut");
      Set<String> running = new HashSet<>();
      Set<String> attempts = new HashSet<>();
      for (LiveMetrics.Entry entry : in) {
        if (taskLevel(entry)) {
          running.add(entry.scope(LiveMetrics.TASK) + "#" + entry.scope(LiveMetrics.SUBTASK));
          attempts.add(entry.scope(LiveMetrics.ATTEMPT));
        }
      }
      return new Snapshot(
          sourcesPending,
          sum(out, Snapshot::taskLevel),
          // A source task's records in are what it read from outside, not from the network.
          sum(in, e -> taskLevel(e) && !e.scope(LiveMetrics.TASK).startsWith(SOURCE_TASK)),
          feedback,
          mails,
          started - finished,
          delayed,
          async,
          running.size(),
          attempts.size());
    }

    List<String> busy(int subtasks) {
      List<String> busy = new ArrayList<>();
      if (runningSubtasks != subtasks || attempts != 1) {
        busy.add(
            runningSubtasks
                + " of "
                + subtasks
                + " subtasks running, in "
                + attempts
                + " attempts");
      }
      if (sourcesPending != 0) {
        busy.add(sourcesPending + " ingress records not emitted yet");
      }
      if (networkOut != networkIn) {
        busy.add((networkOut - networkIn) + " records in network buffers");
      }
      if (feedbackQueue != 0) {
        busy.add(feedbackQueue + " records in the feedback channel");
      }
      if (invocationsRunning != 0) {
        busy.add(invocationsRunning + " invocations running");
      }
      if (mails != 0) {
        busy.add(mails + " mails queued in task mailboxes");
      }
      if (delayedPending != 0) {
        busy.add(delayedPending + " delayed messages pending");
      }
      if (asyncInFlight != 0) {
        busy.add(asyncInFlight + " async operations in flight");
      }
      return busy;
    }

    /** The task's own figures: what went through its network inputs and outputs. */
    private static boolean taskLevel(LiveMetrics.Entry entry) {
      return entry.scope(LiveMetrics.TASK) != null && entry.scope(LiveMetrics.OPERATOR) == null;
    }

    private static boolean functions(LiveMetrics.Entry entry) {
      return FUNCTIONS.equals(entry.scope(LiveMetrics.OPERATOR));
    }

    private static String operator(LiveMetrics.Entry entry) {
      return Objects.requireNonNullElse(entry.scope(LiveMetrics.OPERATOR), "");
    }

    private static long sum(List<LiveMetrics.Entry> entries, Predicate<LiveMetrics.Entry> which) {
      long sum = 0;
      for (LiveMetrics.Entry entry : entries) {
        if (which.test(entry)) {
          sum += Math.max(0, entry.value());
        }
      }
      return sum;
    }
  }
}
