package io.statefun.flink.datastream.walkthrough;

import io.statefun.sdk.Context;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.StatefulFunction;
import io.statefun.sdk.annotations.Persisted;
import io.statefun.sdk.state.PersistedValue;
import java.time.Duration;

/** The walkthrough's function: greets each name, and once more a second after its first visit. */
public final class GreeterFn implements StatefulFunction {
  public static final FunctionType TYPE = new FunctionType("walkthrough", "greeter");

  @Persisted
  private final PersistedValue<Integer> visits = PersistedValue.of("visits", Integer.class);

  @Override
  public void invoke(Context context, Object input) {
    if (input instanceof Reminder) {
      context.send(GreeterProgram.GREETINGS, "still there, " + context.self().id() + "?");
      return;
    }
    // #region invoke
    int seen = visits.updateAndGet(v -> v == null ? 1 : v + 1);
    context.send(GreeterProgram.GREETINGS, "hello " + input + ", visit " + seen);
    if (seen == 1) {
      context.sendAfter(Duration.ofSeconds(1), context.self(), new Reminder());
    }
    // #endregion invoke
  }

  /** A delayed message to itself. */
  public record Reminder() implements java.io.Serializable {}
}
