// #region match
import io.statefun.sdk.Context;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.annotations.Persisted;
import io.statefun.sdk.match.MatchBinder;
import io.statefun.sdk.match.StatefulMatchFunction;
import io.statefun.sdk.state.PersistedValue;

public final class GreetingFn extends StatefulMatchFunction {
  public static final FunctionType TYPE = new FunctionType("demo", "greeting");

  public record Greet(String name) {}

  public record Reset() {}

  @Persisted private final PersistedValue<Integer> seen = PersistedValue.of("seen", Integer.class);

  @Override
  public void configure(MatchBinder binder) {
    binder
        .predicate(Greet.class, g -> g.name().isEmpty(), (ctx, g) -> {})
        .predicate(Greet.class, this::greet)
        .predicate(Reset.class, (ctx, r) -> seen.clear())
        .otherwise((ctx, in) -> ctx.metrics().counter("ignored").inc());
  }

  private void greet(Context context, Greet greet) {
    int n = seen.updateAndGet(v -> v == null ? 1 : v + 1);
    context.send(ShopIO.GREETINGS, "Hello " + greet.name() + " (#" + n + ")");
  }
}
// #endregion match
