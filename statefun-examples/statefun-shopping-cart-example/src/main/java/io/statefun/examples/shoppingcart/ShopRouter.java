package io.statefun.examples.shoppingcart;

import io.statefun.examples.shoppingcart.cart.CartFn;
import io.statefun.examples.shoppingcart.commands.ShopCommand;
import io.statefun.examples.shoppingcart.commands.ShopCommand.AddItem;
import io.statefun.examples.shoppingcart.commands.ShopCommand.Checkout;
import io.statefun.examples.shoppingcart.commands.ShopCommand.RemoveItem;
import io.statefun.examples.shoppingcart.commands.ShopCommand.Restock;
import io.statefun.examples.shoppingcart.inventory.InventoryFn;
import io.statefun.sdk.io.Router;

/** Customer commands go to the customer's cart, restocks to the item's inventory. */
public final class ShopRouter implements Router<ShopCommand> {
  @Override
  public void route(ShopCommand command, Downstream<ShopCommand> downstream) {
    if (command instanceof AddItem add) {
      downstream.forward(CartFn.TYPE, add.userId(), command);
    } else if (command instanceof RemoveItem remove) {
      downstream.forward(CartFn.TYPE, remove.userId(), command);
    } else if (command instanceof Checkout checkout) {
      downstream.forward(CartFn.TYPE, checkout.userId(), command);
    } else if (command instanceof Restock restock) {
      downstream.forward(InventoryFn.TYPE, restock.itemId(), command);
    } else {
      throw new IllegalArgumentException("no route for the command '" + command.line() + "'");
    }
  }
}
