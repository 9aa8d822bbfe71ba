package io.statefun.flink.state.bootstrap;

import io.statefun.sdk.Address;

/**
 * Sets the initial state of one function type's addresses from bootstrap data. Declare the same
 * {@code @Persisted} fields (names, types, expiration) as the function does; they are bound to the
 * state of the address a record is routed to, and whatever {@link #bootstrap} leaves in them is
 * what the function finds when the job starts from the written savepoint.
 */
@FunctionalInterface
public interface StateBootstrapFunction {

  void bootstrap(Context context, Object bootstrapData);

  /** What a bootstrap invocation knows. */
  interface Context {
    /** The address whose state is being bootstrapped. */
    Address self();
  }
}
