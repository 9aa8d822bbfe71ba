package io.statefun.e2e.cluster;

import java.time.Duration;

/** Polls a condition until it holds, or fails naming what was awaited and the last observation. */
public final class Await {
  /** A condition that may throw (REST calls do); returns null when met, else what it saw. */
  @FunctionalInterface
  public interface Check {
    String unmet() throws Exception;
  }

  private Await() {}

  /** Returns how long it took. */
  public static Duration until(String what, Duration timeout, Check check) throws Exception {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    String last = "not checked";
    while (true) {
      try {
        last = check.unmet();
        if (last == null) {
          return Duration.ofNanos(System.nanoTime() - start);
        }
      } catch (java.io.IOException e) {
        last = e.toString();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "timed out after " + timeout + " waiting for " + what + "; last: " + last);
      }
      Thread.sleep(250);
    }
  }
}
