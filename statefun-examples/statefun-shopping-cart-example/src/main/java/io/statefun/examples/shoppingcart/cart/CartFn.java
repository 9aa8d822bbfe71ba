package io.statefun.examples.shoppingcart.cart;

import io.statefun.examples.shoppingcart.ShopIO;
import io.statefun.examples.shoppingcart.commands.ShopCommand;
import io.statefun.examples.shoppingcart.commands.ShopCommand.AddItem;
import io.statefun.examples.shoppingcart.commands.ShopCommand.Checkout;
import io.statefun.examples.shoppingcart.commands.ShopCommand.RemoveItem;
import io.statefun.examples.shoppingcart.inventory.InventoryFn;
import io.statefun.examples.shoppingcart.inventory.Stock;
import io.statefun.examples.shoppingcart.output.Receipt;
import io.statefun.examples.shoppingcart.output.ReceiptLine;
import io.statefun.examples.shoppingcart.output.ShopEvent;
import io.statefun.sdk.Context;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.StatefulFunction;
import io.statefun.sdk.annotations.Persisted;
import io.statefun.sdk.state.PersistedAppendingBuffer;
import io.statefun.sdk.state.PersistedTable;
import io.statefun.sdk.state.PersistedValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One customer's cart (the function id is the user id). Every item in the cart is reserved at the
 * inventory, so a checkout never oversells. A cart that sees no activity for the configured timeout
 * is abandoned: its reservations are released for other customers.
 *
 * <p>Commands are applied one at a time, in the order they arrived: while the cart waits for the
 * inventory's answer to a reservation, later commands wait in {@code queued}. So a checkout right
 * after an add includes the added item, whatever the timing.
 */
public final class CartFn implements StatefulFunction {
  public static final FunctionType TYPE = new FunctionType("shop", "cart");

  /** One pending timeout per cart: each activity cancels it and schedules a new one. */
  static final String TIMEOUT_TOKEN = "cart-timeout";

  @Persisted
  private final PersistedTable<String, CartLine> lines =
      PersistedTable.of("lines", String.class, CartLine.class);

  /** The item whose reservation answer the cart is waiting for, or null. */
  @Persisted
  private final PersistedValue<String> awaiting = PersistedValue.of("awaiting", String.class);

  @Persisted
  private final PersistedAppendingBuffer<ShopCommand> queued =
      PersistedAppendingBuffer.of("queued", ShopCommand.class);

  /**
   * Counts changes, so that a timeout scheduled before the latest change is recognised as stale.
   */
  @Persisted
  private final PersistedValue<Long> activity = PersistedValue.of("activity", Long.class);

  @Persisted
  private final PersistedValue<Integer> orders = PersistedValue.of("orders", Integer.class);

  private final Duration timeout;

  public CartFn(Duration timeout) {
    this.timeout = timeout;
  }

  @Override
  public void invoke(Context context, Object input) {
    if (input instanceof ShopCommand command) {
      if (awaiting.get() != null) {
        queued.append(command);
      } else {
        apply(context, command);
      }
    } else if (input instanceof Stock.Reserved reserved) {
      CartLine line = lines.get(reserved.itemId());
      int quantity = reserved.quantity() + (line == null ? 0 : line.quantity());
      lines.set(reserved.itemId(), new CartLine(quantity, reserved.unitPriceCents()));
      emit(context, "reserved " + reserved.quantity() + " " + reserved.itemId());
      answered(context);
    } else if (input instanceof Stock.Refused refused) {
      emit(
          context,
          "cannot reserve "
              + refused.requested()
              + " "
              + refused.itemId()
              + ", "
              + refused.available()
              + " available");
      answered(context);
    } else if (input instanceof CartTimeout cartTimeout) {
      if (cartTimeout.activity() == activity.getOrDefault(0L) && awaiting.get() == null) {
        abandon(context);
      }
    } else {
      throw new IllegalArgumentException(
          "cart " + context.self().id() + " cannot handle a " + input.getClass().getName());
    }
  }

  private void apply(Context context, ShopCommand command) {
    if (command instanceof AddItem add) {
      awaiting.set(add.itemId());
      context.send(InventoryFn.TYPE, add.itemId(), new Stock.Reserve(add.quantity()));
    } else if (command instanceof RemoveItem remove) {
      remove(context, remove);
    } else if (command instanceof Checkout) {
      checkout(context);
    } else {
      throw new IllegalArgumentException(
          "cart " + context.self().id() + " cannot handle the command '" + command.line() + "'");
    }
    touched(context);
  }

  /** The inventory answered: apply the commands that waited, until one has to wait again. */
  private void answered(Context context) {
    awaiting.clear();
    touched(context);
    List<ShopCommand> waiting = new ArrayList<>();
    queued.view().forEach(waiting::add);
    queued.clear();
    for (int i = 0; i < waiting.size(); i++) {
      if (awaiting.get() != null) {
        queued.appendAll(new ArrayList<>(waiting.subList(i, waiting.size())));
        return;
      }
      apply(context, waiting.get(i));
    }
  }

  private void remove(Context context, RemoveItem remove) {
    CartLine line = lines.get(remove.itemId());
    if (line == null) {
      emit(context, "has no " + remove.itemId() + " to remove");
      return;
    }
    int removed = Math.min(remove.quantity(), line.quantity());
    if (removed == line.quantity()) {
      lines.remove(remove.itemId());
    } else {
      lines.set(remove.itemId(), new CartLine(line.quantity() - removed, line.unitPriceCents()));
    }
    context.send(InventoryFn.TYPE, remove.itemId(), new Stock.Release(removed));
    emit(context, "released " + removed + " " + remove.itemId());
  }

  private void checkout(Context context) {
    Map<String, CartLine> sorted = contents();
    if (sorted.isEmpty()) {
      emit(context, "nothing to check out");
      return;
    }
    List<ReceiptLine> receiptLines = new ArrayList<>();
    for (Map.Entry<String, CartLine> entry : sorted.entrySet()) {
      CartLine line = entry.getValue();
      context.send(InventoryFn.TYPE, entry.getKey(), new Stock.Commit(line.quantity()));
      receiptLines.add(new ReceiptLine(entry.getKey(), line.quantity(), line.unitPriceCents()));
    }
    int order = orders.updateAndGet(n -> n == null ? 1 : n + 1);
    String userId = context.self().id();
    context.send(ShopIO.RECEIPTS, Receipt.of(userId + "-" + order, userId, receiptLines));
    lines.clear();
  }

  private void abandon(Context context) {
    Map<String, CartLine> sorted = contents();
    if (sorted.isEmpty()) {
      return;
    }
    StringBuilder released = new StringBuilder("abandoned, released ");
    String separator = "";
    for (Map.Entry<String, CartLine> entry : sorted.entrySet()) {
      int quantity = entry.getValue().quantity();
      context.send(InventoryFn.TYPE, entry.getKey(), new Stock.Release(quantity));
      released.append(separator).append(quantity).append(' ').append(entry.getKey());
      separator = ", ";
    }
    lines.clear();
    emit(context, released.toString());
  }

  /**
   * Something changed: the pending timeout (if any) is cancelled, and a cart that holds items gets
   * a new one. The activity counter makes a timeout that already fired, but is still on its way,
   * stale.
   */
  private void touched(Context context) {
    long now = activity.updateAndGet(n -> n == null ? 1 : n + 1);
    context.cancelDelayedMessage(TIMEOUT_TOKEN);
    if (lines.keys().iterator().hasNext() || awaiting.get() != null) {
      context.sendAfter(timeout, context.self(), new CartTimeout(now), TIMEOUT_TOKEN);
    }
  }

  private Map<String, CartLine> contents() {
    Map<String, CartLine> sorted = new TreeMap<>();
    lines.entries().forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
    return sorted;
  }

  private static void emit(Context context, String text) {
    context.send(ShopIO.EVENTS, ShopEvent.ofCart(context.self().id(), text));
  }
}
