package io.statefun.examples.ridesharing;

import io.statefun.flink.harness.io.SerializableGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Feeds a scripted list of records into the harness ingresses one step at a time: record {@code i}
 * of the script goes to the ingress of its class, and only once the test has released it. A test
 * releases a step, waits until its effects are visible on the egresses, then releases the next, so
 * the outcome does not depend on how the job's tasks happen to be scheduled.
 *
 * <p>State is static because the generators are serialized into the job, which runs in this JVM;
 * {@link #start} resets it for each run.
 */
final class SteppedScript {
  private static volatile List<Object> script = List.of();
  private static final AtomicInteger released = new AtomicInteger();

  private SteppedScript() {}

  /** Makes {@code records} the script of the next run, with no step released yet. */
  static void start(List<?> records) {
    script = List.copyOf(records);
    released.set(0);
  }

  static void releaseNext() {
    released.incrementAndGet();
  }

  /** Releases every remaining step, so no source thread waits when the job is cancelled. */
  static void releaseAll() {
    released.set(Integer.MAX_VALUE);
  }

  /** The positions in the script of the records of {@code type}, in order. */
  static List<Integer> positionsOf(Class<?> type) {
    List<Integer> positions = new ArrayList<>();
    for (int i = 0; i < script.size(); i++) {
      if (type.isInstance(script.get(i))) {
        positions.add(i);
      }
    }
    return positions;
  }

  /**
   * The generator for the ingress of {@code type}: its record {@code n} is the script's {@code
   * n}-th record of that type, handed out (on the source's thread) once released.
   */
  static <T> SerializableGenerator<T> generator(Class<T> type) {
    return index -> {
      int position = positionsOf(type).get((int) index);
      while (released.get() <= position) {
        try {
          Thread.sleep(2);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("cancelled while waiting for step " + position, e);
        }
      }
      return type.cast(script.get(position));
    };
  }
}
