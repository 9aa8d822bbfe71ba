package io.statefun.examples.shoppingcart;

import io.statefun.examples.shoppingcart.commands.ShopCommand;
import io.statefun.examples.shoppingcart.output.Receipt;
import io.statefun.examples.shoppingcart.output.ShopEvent;
import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.io.IngressIdentifier;

/** The shop's ingress (customer and restock commands) and egresses (receipts, events). */
public final class ShopIO {
  public static final IngressIdentifier<ShopCommand> COMMANDS =
      new IngressIdentifier<>(ShopCommand.class, "shop", "commands");
  public static final EgressIdentifier<Receipt> RECEIPTS =
      new EgressIdentifier<>("shop", "receipts", Receipt.class);
  public static final EgressIdentifier<ShopEvent> EVENTS =
      new EgressIdentifier<>("shop", "events", ShopEvent.class);

  private ShopIO() {}
}
