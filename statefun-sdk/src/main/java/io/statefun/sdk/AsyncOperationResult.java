package io.statefun.sdk;

/**
 * The outcome of an operation registered with {@link Context#registerAsyncOperation}, delivered as
 * a message to the address that registered it.
 *
 * @param <M> the metadata type
 * @param <T> the value type
 */
public final class AsyncOperationResult<M, T> {

  /** How the operation ended. */
  public enum Status {
    /** The future completed normally; {@link #value()} holds its value. */
    SUCCESS,
    /** The future completed exceptionally; {@link #throwable()} holds the cause. */
    FAILURE,
    /**
     * The job restarted while the operation was in flight; its outcome is not known and the
     * function should decide whether to retry.
     */
    UNKNOWN
  }

  private final M metadata;
  private final Status status;
  private final T value;
  private final Throwable throwable;

  /**
   * Builds a result directly, as a test of a function that handles results does; the runtime uses
   * the factories {@link #success}, {@link #failure} and {@link #unknown}.
   *
   * @param value the future's value; only with {@link Status#SUCCESS}
   * @param throwable the future's exception; required with {@link Status#FAILURE}, otherwise null
   * @throws IllegalArgumentException if {@code status} is null or the value and throwable do not
   *     fit it
   */
  public AsyncOperationResult(M metadata, Status status, T value, Throwable throwable) {
    if (status == null) {
      throw new IllegalArgumentException("AsyncOperationResult status must not be null");
    }
    if (status == Status.FAILURE && throwable == null) {
      throw new IllegalArgumentException("a FAILURE result needs a throwable");
    }
    if (status != Status.FAILURE && throwable != null) {
      throw new IllegalArgumentException(
          "a " + status + " result carries no throwable, but got " + throwable);
    }
    if (status != Status.SUCCESS && value != null) {
      throw new IllegalArgumentException(
          "a " + status + " result carries no value, but got " + value);
    }
    this.metadata = metadata;
    this.status = status;
    this.value = value;
    this.throwable = throwable;
  }

  public static <M, T> AsyncOperationResult<M, T> success(M metadata, T value) {
    return new AsyncOperationResult<>(metadata, Status.SUCCESS, value, null);
  }

  public static <M, T> AsyncOperationResult<M, T> failure(M metadata, Throwable throwable) {
    return new AsyncOperationResult<>(metadata, Status.FAILURE, null, throwable);
  }

  public static <M, T> AsyncOperationResult<M, T> unknown(M metadata) {
    return new AsyncOperationResult<>(metadata, Status.UNKNOWN, null, null);
  }

  /** The metadata given at registration. */
  public M metadata() {
    return metadata;
  }

  public Status status() {
    return status;
  }

  public boolean successful() {
    return status == Status.SUCCESS;
  }

  public boolean failure() {
    return status == Status.FAILURE;
  }

  public boolean unknown() {
    return status == Status.UNKNOWN;
  }

  /** The future's value on {@link Status#SUCCESS} (may be null), otherwise null. */
  public T value() {
    return value;
  }

  /** The future's exception on {@link Status#FAILURE}, otherwise null. */
  public Throwable throwable() {
    return throwable;
  }

  @Override
  public String toString() {
    return "AsyncOperationResult{status="
        + status
        + ", metadata="
        + metadata
        + (status == Status.SUCCESS ? ", value=" + value : "")
        + (status == Status.FAILURE ? ", throwable=" + throwable : "")
        + '}';
  }
}
