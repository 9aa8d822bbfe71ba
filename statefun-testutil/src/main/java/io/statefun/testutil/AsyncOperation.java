package io.statefun.testutil;

import io.statefun.sdk.Address;
import java.util.concurrent.CompletableFuture;

/**
 * An operation a function registered with {@code registerAsyncOperation}. Complete it through
 * {@link FunctionTestHarness#completeAsync}, {@link FunctionTestHarness#failAsync} or {@link
 * FunctionTestHarness#deliverCompletedAsync()} to invoke the function with its {@link
 * io.statefun.sdk.AsyncOperationResult}.
 *
 * @param <M> the metadata type
 * @param <T> the future's value type
 */
public final class AsyncOperation<M, T> {
  private final long sequence;
  private final Address owner;
  private final M metadata;
  private final CompletableFuture<T> future;

  AsyncOperation(long sequence, Address owner, M metadata, CompletableFuture<T> future) {
    this.sequence = sequence;
    this.owner = owner;
    this.metadata = metadata;
    this.future = future;
  }

  /** The address that registered the operation; it receives the result. */
  public Address owner() {
    return owner;
  }

  public M metadata() {
    return metadata;
  }

  /** The future as the function registered it. */
  public CompletableFuture<T> future() {
    return future;
  }

  long sequence() {
    return sequence;
  }

  @Override
  public String toString() {
    return "AsyncOperation{owner="
        + owner
        + ", metadata="
        + metadata
        + ", future="
        + (future.isDone() ? "done" : "pending")
        + '}';
  }
}
