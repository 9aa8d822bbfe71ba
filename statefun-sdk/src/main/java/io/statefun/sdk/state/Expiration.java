package io.statefun.sdk.state;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * When a persisted state entry expires. Expired entries read as absent. Expiration is enforced by
 * the runtime; state objects that are not bound to a runtime (plain unit tests) never expire.
 */
public final class Expiration implements Serializable {
  private static final long serialVersionUID = 1L;

  /** What refreshes an entry's time to live. */
  public enum Mode {
    /** The entry never expires. */
    NONE,
    /** The entry expires {@link #duration()} after it was last written. */
    AFTER_WRITE,
    /** The entry expires {@link #duration()} after it was last read or written. */
    AFTER_READ_OR_WRITE
  }

  private static final Expiration NONE = new Expiration(Mode.NONE, Duration.ZERO);

  private final Mode mode;
  private final Duration duration;

  /**
   * An expiration of {@code mode} after {@code duration}, as the factories build it; {@link
   * Mode#NONE} ignores the duration.
   *
   * @throws IllegalArgumentException if {@code mode} is null, or the duration is null, zero or
   *     negative for a mode other than {@link Mode#NONE}
   */
  public Expiration(Mode mode, Duration duration) {
    this.mode = requireMode(mode);
    this.duration = mode == Mode.NONE ? Duration.ZERO : positive(duration);
  }

  /** The same as {@code new Expiration(mode, duration)}. */
  public static Expiration expireAfter(Duration duration, Mode mode) {
    return requireMode(mode) == Mode.NONE ? NONE : new Expiration(mode, duration);
  }

  private static Mode requireMode(Mode mode) {
    if (mode == null) {
      throw new IllegalArgumentException("Expiration mode must not be null");
    }
    return mode;
  }

  public static Expiration none() {
    return NONE;
  }

  /**
   * @throws IllegalArgumentException if the duration is null, zero or negative
   */
  public static Expiration expireAfterWriting(Duration duration) {
    return new Expiration(Mode.AFTER_WRITE, duration);
  }

  /**
   * @throws IllegalArgumentException if the duration is null, zero or negative
   */
  public static Expiration expireAfterReadingOrWriting(Duration duration) {
    return new Expiration(Mode.AFTER_READ_OR_WRITE, duration);
  }

  private static Duration positive(Duration duration) {
    if (duration == null || duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException(
          "Expiration duration must be positive, but was " + duration);
    }
    return duration;
  }

  public Mode mode() {
    return mode;
  }

  /** The time to live; {@link Duration#ZERO} for {@link Mode#NONE}. */
  public Duration duration() {
    return duration;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Expiration)) {
      return false;
    }
    Expiration other = (Expiration) o;
    return mode == other.mode && duration.equals(other.duration);
  }

  @Override
  public int hashCode() {
    return Objects.hash(mode, duration);
  }

  @Override
  public String toString() {
    return mode == Mode.NONE ? "Expiration{NONE}" : "Expiration{" + mode + ", " + duration + '}';
  }
}
