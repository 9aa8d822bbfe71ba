package io.statefun.flink.harness.chaos;

import io.statefun.flink.harness.observe.LiveMetrics;
import io.statefun.sdk.Address;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.io.IngressIdentifier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.annotation.Internal;

/**
 * The faults of one harness run and how far each has counted. Lives in the run, outside the tasks,
 * so counts and the fired flag survive the restarts the faults cause. Checked by every subtask's
 * thread: counting is atomic.
 */
@Internal
public final class FaultPlan {
  /** The JobManager's job-level gauge of completed checkpoints. */
  static final String COMPLETED_CHECKPOINTS = "numberOfCompletedCheckpoints";

  private final List<Armed> faults = new ArrayList<>();
  private final List<FiredFault> fired = new CopyOnWriteArrayList<>();
  private volatile LiveMetrics metrics;

  public FaultPlan(List<Fault> faults) {
    for (Fault fault : faults) {
      this.faults.add(new Armed(fault));
    }
  }

  public void attach(LiveMetrics metrics) {
    this.metrics = metrics;
  }

  public boolean isEmpty() {
    return faults.isEmpty();
  }

  public int size() {
    return faults.size();
  }

  public boolean hasRouterFaults(IngressIdentifier<?> ingress) {
    return faults.stream()
        .anyMatch(a -> a.fault.place() == Fault.Place.ROUTER && a.fault.ingress().equals(ingress));
  }

  /** The faults that fired so far, in order. */
  public List<FiredFault> fired() {
    return List.copyOf(fired);
  }

  public boolean hasFeedbackFaults() {
    return faults.stream().anyMatch(a -> a.fault.place() == Fault.Place.FEEDBACK);
  }

  /** Called before {@code target} is invoked; throws if a fault fires here. */
  void beforeInvocation(FunctionType type, Address target) {
    for (Armed armed : faults) {
      if (armed.fault.place() == Fault.Place.INVOCATION
          && armed.fault.functionType().equals(type)) {
        armed.count(target.toString());
      }
    }
  }

  /**
   * Called by a feedback tail before a message to {@code target} enters the channel; throws if a
   * fault fires here (failing the tail's task).
   *
   * @param tail the tail's subtask, for the fired fault's place
   */
  void beforeFeedback(Address target, Address source, String tail) {
    for (Armed armed : faults) {
      if (armed.fault.place() == Fault.Place.FEEDBACK
          && armed.fault.functionType().equals(target.type())) {
        armed.count("loop message " + source + " -> " + target + " at " + tail);
      }
    }
  }

  /** Called before a router of {@code ingress} routes {@code record}; throws if a fault fires. */
  void beforeRouting(IngressIdentifier<?> ingress, Object record) {
    for (Armed armed : faults) {
      if (armed.fault.place() == Fault.Place.ROUTER && armed.fault.ingress().equals(ingress)) {
        armed.count("record " + abbreviate(String.valueOf(record)) + " of " + ingress);
      }
    }
  }

  private long completedCheckpoints() {
    LiveMetrics live = metrics;
    return live == null ? -1 : live.jobValue(COMPLETED_CHECKPOINTS);
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "…";
  }

  private final class Armed {
    final Fault fault;
    final AtomicLong count = new AtomicLong();
    final AtomicBoolean done = new AtomicBoolean();
    volatile boolean armed;

    Armed(Fault fault) {
      this.fault = fault;
      this.armed = fault.afterCheckpoint() == 0;
    }

    void count(String where) {
      if (done.get()) {
        return;
      }
      long checkpoints = -1;
      if (!armed) {
        checkpoints = completedCheckpoints();
        if (checkpoints < fault.afterCheckpoint()) {
          return;
        }
        armed = true;
      }
      if (count.incrementAndGet() == fault.atCount() && done.compareAndSet(false, true)) {
        long now = checkpoints >= 0 ? checkpoints : completedCheckpoints();
        fired.add(new FiredFault(fault, where, now));
        throw new InjectedFailure("injected " + fault + ", at " + where);
      }
    }
  }
}
