package io.statefun.sdk.match;

import io.statefun.sdk.Context;
import io.statefun.sdk.StatefulFunction;

/**
 * A {@link StatefulFunction} that dispatches on the input's class. Implement {@link #configure} to
 * declare the cases; it is called once, before the first input.
 *
 * <pre>{@code
 * public void configure(MatchBinder binder) {
 *   binder
 *       .predicate(Greet.class, this::greet)
 *       .predicate(Order.class, o -> o.amount() > 100, this::bigOrder)
 *       .predicate(Order.class, this::order)
 *       .otherwise((ctx, in) -> { throw new IllegalArgumentException("unexpected " + in); });
 * }
 * }</pre>
 */
public abstract class StatefulMatchFunction implements StatefulFunction {
  private MatchBinder binder;

  /** Declares the cases of this function. */
  public abstract void configure(MatchBinder binder);

  @Override
  public final void invoke(Context context, Object input) {
    MatchBinder cases = binder;
    if (cases == null) {
      cases = new MatchBinder();
      configure(cases);
      binder = cases;
    }
    cases.invoke(context.self().type(), context, input);
  }
}
