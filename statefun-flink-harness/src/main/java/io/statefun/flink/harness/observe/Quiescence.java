package io.statefun.flink.harness.observe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.apache.flink.annotation.Internal;

/**
 * Decides from a job's live metrics whether nothing is in flight. Every figure comes from Flink's
 * metric system, for the task attempts running now (a restart resets all of them together). A read
 * is quiet when:
 *
 * <ul>
 *   <li>every subtask of the job graph runs, all in the same attempt; every ingress subtask reports
 *       {@code pendingRecords} (so its reader is open) and every functions subtask reports {@code
 *       messagesAccepted} (so it is open, and has replayed what it restored);
 *   <li>ingresses: the {@code pendingRecords} of every source is 0 (a reader counts a record down
 *       after emitting it);
 *   <li>messages: summed over the functions subtasks, {@code messagesAccepted} equals {@code
 *       messagesFinished}. A message is accepted where it comes into being (a router's record as
 *       the functions task counts it in, a send, a fired delayed message, an async completion)
 *       before it is handed on, and finished after its invocation ended and accepted what it sent,
 *       so no hand-off between the two is uncovered: the network to the feedback tail, the tail's
 *       input to the channel, the channel to an invocation, the local queue between two invocations
 *       of a drain;
 *   <li>network: what the tasks counted out ({@code numRecordsOut}) equals what the non-source
 *       tasks counted in ({@code numRecordsIn}), so no record waits in a buffer. (Flink counts a
 *       record out just after writing it, so a receiver may count it first; the sender is then
 *       still in an invocation, a delayed message's firing or an ingress record, which the message
 *       counts, the pending gauges or {@code pendingRecords} show);
 *   <li>harness egresses: each collecting or consuming writer has handed on every record it took
 *       in;
 *   <li>the functions operator's gauges {@code delayedMessagesPending}, {@code
 *       asyncOperationsInFlight} and {@code feedbackQueueSize} are 0 (a delayed message is placed,
 *       and an async completion accepted, before the gauge counts it down).
 * </ul>
 *
 * <p>Quiescence is reached by two consecutive quiet reads with the same figures. All counters only
 * grow, so equal values in both reads held, all at once, at the instant between the two reads: the
 * two reads make one consistent snapshot, and a quiet snapshot means nothing was in flight then
 * (the gauges are read before the counters, so work that moves out of a gauge shows in a counter).
 * Nothing can start again afterwards: ingresses are done, no timer or async operation is pending.
 * No waiting time is involved.
 */
@Internal
public final class Quiescence {
  /** The functions operator's name (with the pipeline's name after it, if it has one). */
  public static final String FUNCTIONS = "statefun-functions";

  /** The counter a collecting egress writer counts its records in by, once they are readable. */
  public static final String EGRESS_RECORDS_COLLECTED = "harnessEgressRecordsCollected";

  static final String SOURCE_TASK = "Source: ";
  static final String ACCEPTED = "messagesAccepted";
  static final String FINISHED = "messagesFinished";

  /** The parts of a job graph that quiescence waits for. */
  public record Shape(int subtasks, int sourceSubtasks, int functionsSubtasks) {}

  private final LiveMetrics metrics;
  private final Shape shape;
  private Snapshot previous;
  private boolean previousQuiet;
  private String lastReason = "not read yet";

  public Quiescence(LiveMetrics metrics, Shape shape) {
    this.metrics = metrics;
    this.shape = shape;
  }

  /** Reads the metrics once; true once two reads in a row were quiet and equal. */
  public synchronized boolean reached() {
    Snapshot now = Snapshot.take(metrics);
    List<String> busy = now.busy(shape);
    boolean reached = busy.isEmpty() && previousQuiet && now.equals(previous);
    if (!busy.isEmpty()) {
      lastReason = String.join("; ", busy);
    } else {
      lastReason = (reached ? "quiet: " : "quiet, to be confirmed by an equal read: ") + now;
    }
    previous = now;
    previousQuiet = busy.isEmpty();
    return reached;
  }

  /** What kept the last read from being quiet. */
  public synchronized String describe() {
    return "quiescence; last read: " + lastReason;
  }

  /** The figures of one read. */
  record Snapshot(
      long sourcesPending,
      int sourceReaders,
      long delayedPending,
      long asyncInFlight,
      long feedbackQueue,
      long finished,
      long accepted,
      int functionsCounting,
      long collectedIn,
      long collected,
      long networkOut,
      long networkIn,
      int runningSubtasks,
      String attempts) {

    static Snapshot take(LiveMetrics metrics) {
      // Gauges of work still to come before the counters of work done: work that leaves a gauge
      // moves a counter first, so it shows in this read's counters or in the next read's gauges.
      List<LiveMetrics.Entry> pending = metrics.named("pendingRecords");
      long sourcesPending = sum(pending, e -> true);
      long delayed = sum(metrics.named("delayedMessagesPending"), Snapshot::functionsOperator);
      long async = sum(metrics.named("asyncOperationsInFlight"), Snapshot::functionsOperator);
      long feedback = sum(metrics.named("feedbackQueueSize"), Snapshot::functionsOperator);
      List<LiveMetrics.Entry> finished = metrics.named(FINISHED);
      List<LiveMetrics.Entry> accepted = metrics.named(ACCEPTED);
      Map<String, Long> collected = byOperator(metrics.named(EGRESS_RECORDS_COLLECTED));
      List<LiveMetrics.Entry> in = metrics.named("numRecordsIn");
      List<LiveMetrics.Entry> out = metrics.named("numRecordsOut");

      long collectedIn = 0;
      for (LiveMetrics.Entry entry : in) {
        if (entry.scope(LiveMetrics.OPERATOR) != null
            && collected.containsKey(operatorKey(entry))) {
          collectedIn += Math.max(0, entry.value());
        }
      }
      TreeSet<String> running = new TreeSet<>();
      TreeSet<String> attempts = new TreeSet<>();
      for (LiveMetrics.Entry entry : in) {
        if (taskLevel(entry)) {
          running.add(entry.scope(LiveMetrics.TASK) + "#" + entry.scope(LiveMetrics.SUBTASK));
          attempts.add(entry.scope(LiveMetrics.ATTEMPT));
        }
      }
      return new Snapshot(
          sourcesPending,
          pending.size(),
          delayed,
          async,
          feedback,
          sum(finished, Snapshot::functionsOperator),
          sum(accepted, Snapshot::functionsOperator),
          (int) accepted.stream().filter(Snapshot::functionsOperator).count(),
          collectedIn,
          collected.values().stream().mapToLong(Long::longValue).sum(),
          sum(out, Snapshot::taskLevel),
          // A source task's records in are what it read from outside, not from the network.
          sum(in, e -> taskLevel(e) && !sourceTask(e)),
          running.size(),
          String.join(",", attempts));
    }

    List<String> busy(Shape shape) {
      List<String> busy = new ArrayList<>();
      if (runningSubtasks != shape.subtasks() || attempts.contains(",") || attempts.isEmpty()) {
        busy.add(
            runningSubtasks
                + " of "
                + shape.subtasks()
                + " subtasks running, in attempts ["
                + attempts
                + "]");
      }
      if (sourceReaders != shape.sourceSubtasks()) {
        busy.add(
            sourceReaders
                + " of "
                + shape.sourceSubtasks()
                + " ingress subtasks report pendingRecords (an ingress that never does cannot be"
                + " known to be done)");
      }
      if (functionsCounting != shape.functionsSubtasks()) {
        busy.add(
            functionsCounting + " of " + shape.functionsSubtasks() + " functions subtasks open");
      }
      if (sourcesPending != 0) {
        busy.add(sourcesPending + " ingress records not emitted yet");
      }
      if (accepted != finished) {
        busy.add(
            (accepted - finished)
                + " messages not finished (in the network, the feedback loop, a local queue or an"
                + " invocation)");
      }
      if (networkOut != networkIn) {
        busy.add((networkOut - networkIn) + " records in network buffers");
      }
      if (collectedIn != collected) {
        busy.add((collectedIn - collected) + " egress records being handed on by their writers");
      }
      if (feedbackQueue != 0) {
        busy.add(feedbackQueue + " records in the feedback channel");
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

    private static boolean sourceTask(LiveMetrics.Entry entry) {
      return entry.scope(LiveMetrics.TASK).startsWith(SOURCE_TASK);
    }

    /**
     * A metric of the functions operator itself, not of a function type's group (the per-type
     * gauges of pending delayed messages and async operations share the operator's names).
     */
    private static boolean functionsOperator(LiveMetrics.Entry entry) {
      String operator = entry.scope(LiveMetrics.OPERATOR);
      return operator != null && operator.startsWith(FUNCTIONS) && !entry.ofFunctionType();
    }

    private static String operatorKey(LiveMetrics.Entry entry) {
      return entry.scope(LiveMetrics.TASK)
          + "#"
          + entry.scope(LiveMetrics.SUBTASK)
          + "#"
          + entry.scope(LiveMetrics.OPERATOR);
    }

    private static Map<String, Long> byOperator(List<LiveMetrics.Entry> entries) {
      Map<String, Long> values = new HashMap<>();
      for (LiveMetrics.Entry entry : entries) {
        values.merge(operatorKey(entry), Math.max(0, entry.value()), Long::sum);
      }
      return values;
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
