package io.statefun.sdk.metrics;

/** User metrics, scoped to the function type that asks for them. */
public interface Metrics {

  /**
   * Returns the counter of this name, creating it on first use. Repeated calls with the same name
   * return the same counter.
   *
   * @throws IllegalArgumentException if the name is null or empty
   */
  Counter counter(String name);
}
