package io.statefun.sdk.metrics;

/** A metric that counts up and down. Not thread-safe: use it from the invoking thread. */
public interface Counter {

  default void inc() {
    inc(1);
  }

  void inc(long amount);

  default void dec() {
    dec(1);
  }

  void dec(long amount);
}
