// #region session
import io.statefun.sdk.Context;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.StatefulFunction;
import io.statefun.sdk.annotations.Persisted;
import io.statefun.sdk.state.PersistedValue;
import java.time.Duration;

public final class SessionFn implements StatefulFunction {
  public static final FunctionType TYPE = new FunctionType("shop", "session");

  public record Touch() {}

  public record Expire() {}

  @Persisted private final PersistedValue<Long> touches = PersistedValue.of("touches", Long.class);

  @Override
  public void invoke(Context context, Object input) {
    if (input instanceof Touch) {
      touches.updateAndGet(n -> n == null ? 1L : n + 1);
      // Restart the timeout: drop the pending one (ignored if there is none), schedule a new one.
      context.cancelDelayedMessage("timeout");
      context.sendAfter(Duration.ofMinutes(30), context.self(), new Expire(), "timeout");
    } else if (input instanceof Expire) {
      touches.clear();
    }
  }
}
// #endregion session
