package io.statefun.flink.harness.chaos;

import io.statefun.sdk.FunctionType;
import io.statefun.sdk.io.IngressIdentifier;
import java.io.Serializable;
import java.util.Objects;

/**
 * A failure to inject into a harness job once, at a deterministic point: the task that runs the
 * chosen place (an invocation of a function type, an ingress's router, or the feedback tail) throws
 * {@link InjectedFailure} at the {@code n}-th time that place runs after {@code k} checkpoints have
 * completed, and Flink restarts the job from its last checkpoint.
 *
 * <pre>{@code
 * Fault.inInvocationOf(CartFn.TYPE).afterCheckpoint(2)      // first invocation after checkpoint 2
 * Fault.inInvocationOf(CartFn.TYPE).atCount(500)            // 500th invocation of the type
 * Fault.inRouterOf(CartIO.COMMANDS).afterCheckpoint(1).atCount(10)
 * Fault.inFeedbackTo(CartFn.TYPE).atCount(100)              // 100th cart message through the loop
 * }</pre>
 *
 * Counts are over all subtasks of the job and across restarts, and each fault fires once.
 */
public final class Fault implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Where a fault can be placed. */
  public enum Place {
    /** The invocation of a function type (the functions task fails). */
    INVOCATION,
    /** The router of an ingress (the ingress task fails). */
    ROUTER,
    /**
     * The feedback loop, on a message to a function type sent by a function on another subtask: the
     * feedback tail task that receives it fails, before the message enters the feedback channel.
     */
    FEEDBACK
  }

  private final Place place;
  private final FunctionType type;
  private final IngressIdentifier<?> ingress;
  private final long afterCheckpoint;
  private final long atCount;

  private Fault(
      Place place,
      FunctionType type,
      IngressIdentifier<?> ingress,
      long afterCheckpoint,
      long atCount) {
    this.place = place;
    this.type = type;
    this.ingress = ingress;
    this.afterCheckpoint = afterCheckpoint;
    this.atCount = atCount;
  }

  /** Fails an invocation of {@code type} (by default the first one). */
  public static Fault inInvocationOf(FunctionType type) {
    if (type == null) {
      throw new IllegalArgumentException("the function type of a fault must not be null");
    }
    return new Fault(Place.INVOCATION, type, null, 0, 1);
  }

  /**
   * Fails the feedback tail that receives a message to {@code type} through the loop (by default
   * the first one).
   */
  public static Fault inFeedbackTo(FunctionType type) {
    if (type == null) {
      throw new IllegalArgumentException("the function type of a fault must not be null");
    }
    return new Fault(Place.FEEDBACK, type, null, 0, 1);
  }

  /** Fails the router of {@code ingress} on a record (by default the first one). */
  public static Fault inRouterOf(IngressIdentifier<?> ingress) {
    if (ingress == null) {
      throw new IllegalArgumentException("the ingress of a fault must not be null");
    }
    return new Fault(Place.ROUTER, null, ingress, 0, 1);
  }

  /**
   * Arms the fault only once {@code checkpoints} checkpoints have completed (0: from the start).
   */
  public Fault afterCheckpoint(long checkpoints) {
    if (checkpoints < 0) {
      throw new IllegalArgumentException("checkpoint count must not be negative: " + checkpoints);
    }
    return new Fault(place, type, ingress, checkpoints, atCount);
  }

  /** Fires at the {@code n}-th (1-based) time the place runs once the fault is armed. */
  public Fault atCount(long n) {
    if (n < 1) {
      throw new IllegalArgumentException("a fault fires at a count of at least 1: " + n);
    }
    return new Fault(place, type, ingress, afterCheckpoint, n);
  }

  public Place place() {
    return place;
  }

  /**
   * The function type of an {@link Place#INVOCATION} or {@link Place#FEEDBACK} fault, else null.
   */
  public FunctionType functionType() {
    return type;
  }

  /** The ingress of a {@link Place#ROUTER} fault, else null. */
  public IngressIdentifier<?> ingress() {
    return ingress;
  }

  public long afterCheckpoint() {
    return afterCheckpoint;
  }

  public long atCount() {
    return atCount;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Fault)) {
      return false;
    }
    Fault other = (Fault) o;
    return place == other.place
        && Objects.equals(type, other.type)
        && Objects.equals(ingress, other.ingress)
        && afterCheckpoint == other.afterCheckpoint
        && atCount == other.atCount;
  }

  @Override
  public int hashCode() {
    return Objects.hash(place, type, ingress, afterCheckpoint, atCount);
  }

  @Override
  public String toString() {
    return "fault in "
        + (place == Place.INVOCATION
            ? "an invocation of " + type
            : place == Place.FEEDBACK ? "the feedback loop to " + type : "the router of " + ingress)
        + " at count "
        + atCount
        + (afterCheckpoint > 0 ? " after checkpoint " + afterCheckpoint : "");
  }
}
