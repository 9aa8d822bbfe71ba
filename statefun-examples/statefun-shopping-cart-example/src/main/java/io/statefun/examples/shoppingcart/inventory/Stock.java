package io.statefun.examples.shoppingcart.inventory;

/**
 * The messages between a cart and the inventory of one item (the function id is the item id). A
 * cart asks to {@link Reserve}; the inventory replies to the caller with {@link Reserved} or {@link
 * Refused}. Reserved stock is later either {@link Release}d back (removed from the cart, or the
 * cart was abandoned) or {@link Commit}ted as sold (checkout).
 */
public sealed interface Stock {

  record Reserve(int quantity) implements Stock {}

  record Reserved(String itemId, int quantity, long unitPriceCents) implements Stock {}

  record Refused(String itemId, int requested, int available) implements Stock {}

  record Release(int quantity) implements Stock {}

  record Commit(int quantity) implements Stock {}
}
