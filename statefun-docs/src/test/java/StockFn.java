// #region stock
import io.statefun.sdk.Context;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.StatefulFunction;
import io.statefun.sdk.annotations.Persisted;
import io.statefun.sdk.state.PersistedValue;

public final class StockFn implements StatefulFunction {
  public static final FunctionType TYPE = new FunctionType("shop", "stock");

  // How many units of this SKU all carts together reserved.
  @Persisted
  private final PersistedValue<Integer> reserved = PersistedValue.of("reserved", Integer.class);

  @Override
  public void invoke(Context context, Object input) {
    Reserve request = (Reserve) input;
    reserved.updateAndGet(n -> (n == null ? 0 : n) + request.quantity());
    // context.self().id() is the SKU; the caller is the cart that asked.
    context.reply(new Reserved(context.self().id(), request.quantity()));
  }
}
// #endregion stock
