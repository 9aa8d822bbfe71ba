package io.statefun.examples.shoppingcart;

import io.statefun.flink.harness.io.SerializableGenerator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Feeds a scripted list of commands into a harness ingress one step at a time: the generator hands
 * out command {@code i} only once the test has released it. A test releases a step, waits until its
 * effects are visible on the egresses, then releases the next, so the outcome does not depend on
 * how the job's tasks happen to be scheduled.
 *
 * <p>State is static because the generator is serialized into the job, which runs in this JVM;
 * {@link #start} resets it for each run.
 */
final class SteppedScript {
  private static volatile List<?> script = List.of();
  private static final AtomicInteger released = new AtomicInteger();

  private SteppedScript() {}

  /** Makes {@code commands} the script of the next run, with no step released yet. */
  static <T> void start(List<T> commands) {
    script = List.copyOf(commands);
    released.set(0);
  }

  /** Releases the next step. */
  static void releaseNext() {
    released.incrementAndGet();
  }

  /** Releases every remaining step, so no source thread waits when the job is cancelled. */
  static void releaseAll() {
    released.set(Integer.MAX_VALUE);
  }

  /** The generator for the harness ingress; it waits, on the source's thread, for its step. */
  @SuppressWarnings("unchecked")
  static <T> SerializableGenerator<T> generator() {
    return index -> {
      while (released.get() <= index) {
        try {
          Thread.sleep(2);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("cancelled while waiting for step " + index, e);
        }
      }
      return (T) script.get((int) index);
    };
  }

  static int size() {
    return script.size();
  }
}
