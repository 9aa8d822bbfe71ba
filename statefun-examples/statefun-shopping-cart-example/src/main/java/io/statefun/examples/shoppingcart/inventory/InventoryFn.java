package io.statefun.examples.shoppingcart.inventory;

import io.statefun.examples.shoppingcart.ShopIO;
import io.statefun.examples.shoppingcart.commands.ShopCommand.Restock;
import io.statefun.examples.shoppingcart.output.ShopEvent;
import io.statefun.sdk.Context;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.StatefulFunction;
import io.statefun.sdk.annotations.Persisted;
import io.statefun.sdk.state.PersistedValue;

/**
 * The stock of one item (the function id is the item id). Stock is {@code available} to reserve,
 * {@code reserved} by carts, or {@code sold}. A new item starts with its catalog stock; items not
 * in the catalog have none and cannot be restocked.
 */
public final class InventoryFn implements StatefulFunction {
  public static final FunctionType TYPE = new FunctionType("shop", "inventory");

  @Persisted
  private final PersistedValue<Integer> available = PersistedValue.of("available", Integer.class);

  @Persisted
  private final PersistedValue<Integer> reserved = PersistedValue.of("reserved", Integer.class);

  @Persisted private final PersistedValue<Integer> sold = PersistedValue.of("sold", Integer.class);

  private final Catalog catalog;

  public InventoryFn(Catalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public void invoke(Context context, Object input) {
    String itemId = context.self().id();
    Catalog.Item item = catalog.item(itemId);
    int availableNow = available.getOrDefault(item == null ? 0 : item.initialStock());
    int reservedNow = reserved.getOrDefault(0);
    if (input instanceof Stock.Reserve reserve) {
      if (item == null || reserve.quantity() > availableNow) {
        context.reply(new Stock.Refused(itemId, reserve.quantity(), availableNow));
        return;
      }
      available.set(availableNow - reserve.quantity());
      reserved.set(reservedNow + reserve.quantity());
      context.reply(new Stock.Reserved(itemId, reserve.quantity(), item.priceCents()));
    } else if (input instanceof Stock.Release release) {
      reserved.set(reservedNow - release.quantity());
      available.set(availableNow + release.quantity());
    } else if (input instanceof Stock.Commit commit) {
      reserved.set(reservedNow - commit.quantity());
      sold.set(sold.getOrDefault(0) + commit.quantity());
    } else if (input instanceof Restock restock) {
      if (item == null) {
        context.send(
            ShopIO.EVENTS, ShopEvent.ofStock(itemId, "not in the catalog, restock ignored"));
        return;
      }
      int after = availableNow + restock.quantity();
      available.set(after);
      context.send(
          ShopIO.EVENTS,
          ShopEvent.ofStock(
              itemId, "restocked " + restock.quantity() + ", " + after + " available"));
    } else {
      throw new IllegalArgumentException(
          "inventory " + itemId + " cannot handle a " + input.getClass().getName());
    }
  }
}
