package io.statefun.flink.core.feedback;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.core.fs.CloseableRegistry;
import org.apache.flink.runtime.state.CheckpointStateOutputStream;
import org.apache.flink.runtime.state.CheckpointStreamFactory;
import org.apache.flink.runtime.state.CheckpointedStateScope;
import org.apache.flink.runtime.state.KeyGroupRange;
import org.apache.flink.runtime.state.KeyGroupsStateHandle;
import org.apache.flink.runtime.state.KeyedStateCheckpointOutputStream;
import org.apache.flink.runtime.state.KeyedStateHandle;
import org.apache.flink.runtime.state.SnapshotResult;
import org.apache.flink.runtime.state.StateSnapshotContextSynchronousImpl;
import org.apache.flink.runtime.state.StreamStateHandle;

/**
 * The raw keyed state stream of one checkpoint, obtained and closed as a Flink operator's snapshot
 * does: through the checkpoint's {@link StateSnapshotContextSynchronousImpl}, whose closing future
 * (Flink's async snapshot part) waits until every lease on the stream is released.
 */
final class RawKeyedStream {
  /**
   * How long a closing that should not finish is watched before it counts as blocked. A released
   * stream closes as soon as its closer thread runs; on a loaded machine 200 ms was not always
   * enough for that (FeedbackLoggerTest saw a released lease counted as held).
   */
  private static final long BLOCKED_AFTER_MILLIS = 1000;

  private static final long CLOSE_TIMEOUT_SECONDS = 60;

  private final CheckpointStateOutputStream delegate;
  private final StateSnapshotContextSynchronousImpl context;
  private final KeyedStateCheckpointOutputStream out;
  private RunnableFuture<SnapshotResult<KeyedStateHandle>> closing;

  RawKeyedStream(CheckpointStateOutputStream delegate, KeyGroupRange range) throws IOException {
    this.delegate = delegate;
    this.context =
        new StateSnapshotContextSynchronousImpl(
            1, 0, new SingleStreamFactory(delegate), range, new CloseableRegistry());
    try {
      this.out = context.getRawKeyedOperatorStateOutput();
    } catch (Exception e) {
      throw new IOException(e);
    }
  }

  /** The stream an operator's snapshot writes its raw keyed state to. */
  KeyedStateCheckpointOutputStream out() {
    return out;
  }

  /** Fails this checkpoint's snapshot as the function operator's failer does. */
  SnapshotFailer failer() {
    return context::closeExceptionally;
  }

  /**
   * Cancels the async snapshot part before it started, on a thread of its own, as Flink's task
   * cleanup does on the task thread when it closes the checkpoint coordinator: that cancel waits
   * until every lease on the stream is released.
   *
   * @return completes when the cancel returned
   */
  CompletableFuture<Void> cancelBeforeStarted() throws IOException {
    RunnableFuture<SnapshotResult<KeyedStateHandle>> future = context.getKeyedStateStreamFuture();
    closing = future;
    CompletableFuture<Void> cancelled = new CompletableFuture<>();
    Thread canceller =
        new Thread(
            () -> {
              try {
                future.cancel(true);
              } catch (RuntimeException e) {
                // Flink's cleanup closes the snapshot quietly too; what matters is returning.
              }
              cancelled.complete(null);
            },
            "raw-keyed-state-canceller");
    canceller.setDaemon(true);
    canceller.start();
    return cancelled;
  }

  /** Whether the async snapshot part was cancelled, so it can never produce a handle. */
  boolean snapshotCancelled() {
    return closing != null && closing.isCancelled();
  }

  /** The checkpoint stream underneath, as the state backend created it. */
  CheckpointStateOutputStream delegate() {
    return delegate;
  }

  /**
   * Whether a lease blocks the async snapshot part from closing the stream: it has not closed
   * {@value #BLOCKED_AFTER_MILLIS} ms after being asked to (as Flink asks right after the
   * synchronous snapshot). A slow machine cannot make a held lease look released, only delay a
   * release; so {@link #isReleased()}, not this, is what checks that a lease was let go.
   */
  boolean isLeased() throws IOException {
    return !closedWithin(BLOCKED_AFTER_MILLIS, TimeUnit.MILLISECONDS);
  }

  /**
   * Whether the async snapshot part closes the stream (no lease holds it back) within {@value
   * #CLOSE_TIMEOUT_SECONDS} s of being asked to; after true nothing more can be written.
   */
  boolean isReleased() throws IOException {
    return closedWithin(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  private boolean closedWithin(long timeout, TimeUnit unit) throws IOException {
    startClosing();
    try {
      closing.get(timeout, unit);
      return true;
    } catch (ExecutionException closedWithFailure) {
      return true; // no lease held it back (the stream itself failed, e.g. closed by an abort)
    } catch (TimeoutException blocked) {
      return false;
    } catch (InterruptedException e) {
      throw new IOException(e);
    }
  }

  /**
   * Closes the stream as Flink's async snapshot part does once every lease is released.
   *
   * @return the handle, or null if nothing at all was written to the stream
   */
  KeyGroupsStateHandle closeAndGetHandle() throws IOException {
    startClosing();
    try {
      SnapshotResult<KeyedStateHandle> result =
          closing.get(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      return (KeyGroupsStateHandle) result.getJobManagerOwnedSnapshot();
    } catch (TimeoutException e) {
      throw new AssertionError("a lease on the raw keyed state stream was never released", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException) {
        throw (IOException) e.getCause();
      }
      throw new IOException(e.getCause());
    } catch (InterruptedException e) {
      throw new IOException(e);
    }
  }

  private void startClosing() throws IOException {
    if (closing == null) {
      closing = context.getKeyedStateStreamFuture();
      Thread closer = new Thread(closing, "raw-keyed-state-closer");
      closer.setDaemon(true);
      closer.start();
    }
  }

  /** Hands out the one stream this checkpoint writes its raw keyed state to. */
  private static final class SingleStreamFactory implements CheckpointStreamFactory {
    private final CheckpointStateOutputStream stream;

    SingleStreamFactory(CheckpointStateOutputStream stream) {
      this.stream = stream;
    }

    @Override
    public CheckpointStateOutputStream createCheckpointStateOutputStream(
        CheckpointedStateScope scope) {
      return stream;
    }

    @Override
    public boolean canFastDuplicate(StreamStateHandle handle, CheckpointedStateScope scope) {
      return false;
    }

    @Override
    public List<StreamStateHandle> duplicate(
        List<StreamStateHandle> handles, CheckpointedStateScope scope) {
      throw new UnsupportedOperationException("duplicate");
    }
  }
}
