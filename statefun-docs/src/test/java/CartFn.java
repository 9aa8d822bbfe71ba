// #region cart
import io.statefun.sdk.Context;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.StatefulFunction;
import io.statefun.sdk.annotations.Persisted;
import io.statefun.sdk.state.Expiration;
import io.statefun.sdk.state.PersistedTable;
import io.statefun.sdk.state.PersistedValue;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

public final class CartFn implements StatefulFunction {
  public static final FunctionType TYPE = new FunctionType("shop", "cart");

  // #region cart-state
  // Quantities reserved so far, per SKU; a cart untouched for 7 days is forgotten.
  @Persisted
  private final PersistedTable<String, Integer> items =
      PersistedTable.of(
          "items",
          String.class,
          Integer.class,
          Expiration.expireAfterReadingOrWriting(Duration.ofDays(7)));

  // Reservations asked for and not yet answered.
  @Persisted
  private final PersistedValue<Integer> pending = PersistedValue.of("pending", Integer.class);

  // A checkout arrived while reservations were pending.
  @Persisted
  private final PersistedValue<Boolean> checkingOut =
      PersistedValue.of("checking-out", Boolean.class);

  // #endregion cart-state
  // #region cart-invoke
  @Override
  public void invoke(Context context, Object input) {
    if (input instanceof AddItem add) {
      pending.updateAndGet(n -> n == null ? 1 : n + 1);
      // Ask the stock keeper of this SKU; it replies to context.self().
      context.send(StockFn.TYPE, add.sku(), new Reserve(add.quantity()));
    } else if (input instanceof Reserved reserved) {
      Integer current = items.get(reserved.sku());
      items.set(reserved.sku(), (current == null ? 0 : current) + reserved.quantity());
      int left = pending.updateAndGet(n -> n - 1);
      if (left == 0 && checkingOut.getOrDefault(false)) {
        checkout(context);
      }
    } else if (input instanceof Checkout) {
      // Replies and commands come from different senders, so they may arrive in any order.
      if (pending.getOrDefault(0) == 0) {
        checkout(context);
      } else {
        checkingOut.set(true);
      }
    } else {
      throw new IllegalArgumentException("unexpected input " + input);
    }
  }

  // #endregion cart-invoke
  private void checkout(Context context) {
    Map<String, Integer> receipt = new HashMap<>();
    for (Map.Entry<String, Integer> item : items.entries()) {
      receipt.put(item.getKey(), item.getValue());
    }
    context.send(ShopIO.RECEIPTS, new Receipt(context.self().id(), receipt));
    context.metrics().counter("checkouts").inc();
    items.clear();
    pending.clear();
    checkingOut.clear();
  }
}
// #endregion cart
