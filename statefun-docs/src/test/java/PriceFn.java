// #region price
import io.statefun.sdk.AsyncOperationResult;
import io.statefun.sdk.Context;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.StatefulFunction;
import io.statefun.sdk.annotations.Persisted;
import io.statefun.sdk.state.PersistedValue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

public final class PriceFn implements StatefulFunction {
  public static final FunctionType TYPE = new FunctionType("shop", "price");

  public record Lookup(String sku) {}

  @Persisted
  private final PersistedValue<Double> lastPrice = PersistedValue.of("last-price", Double.class);

  /** Where the lookups run: threads the application owns, sized for the pricing service. */
  private final Executor lookups;

  public PriceFn(Executor lookups) {
    this.lookups = lookups;
  }

  @Override
  public void invoke(Context context, Object input) {
    if (input instanceof Lookup lookup) {
      CompletableFuture<Double> price =
          CompletableFuture.supplyAsync(() -> fetch(lookup.sku()), lookups);
      // The metadata (here the SKU) comes back with the result.
      context.registerAsyncOperation(lookup.sku(), price);
    } else if (input instanceof AsyncOperationResult<?, ?> result) {
      if (result.successful()) {
        lastPrice.set((Double) result.value());
      } else if (result.unknown()) {
        // The job restarted while the lookup was in flight: ask again.
        context.send(context.self(), new Lookup((String) result.metadata()));
      } else {
        context.metrics().counter("lookup-failures").inc();
      }
    }
  }

  /** A blocking call to some pricing service, run off the task thread. */
  static double fetch(String sku) {
    return sku.length() * 1.5;
  }
}
// #endregion price
