package io.statefun.examples.greeter;

import io.statefun.sdk.Context;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.StatefulFunction;
import io.statefun.sdk.annotations.Persisted;
import io.statefun.sdk.state.PersistedValue;

/** One instance per visitor name: counts the visits and asks the formatter for a greeting. */
public final class GreeterFn implements StatefulFunction {
  public static final FunctionType TYPE = new FunctionType("greeter", "greeter");

  @Persisted
  private final PersistedValue<Integer> visits = PersistedValue.of("visits", Integer.class);

  @Override
  public void invoke(Context context, Object input) {
    String name = (String) input;
    int seen = visits.updateAndGet(v -> v == null ? 1 : v + 1);
    // A different id, so the request usually crosses to another subtask.
    context.send(FormatterFn.TYPE, "formatter-" + name, new GreetRequest(name, seen));
  }
}
