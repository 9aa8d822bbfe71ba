package io.statefun.examples.shoppingcart.output;

/**
 * Something a cart or the inventory did that a customer or the shop should hear about: a
 * reservation made or refused, a cart abandoned, a restock. {@code subject} names the cart ({@code
 * cart alice}) or the stock ({@code stock apple}).
 */
public record ShopEvent(String subject, String text) {

  public static ShopEvent ofCart(String userId, String text) {
    return new ShopEvent("cart " + userId, text);
  }

  public static ShopEvent ofStock(String itemId, String text) {
    return new ShopEvent("stock " + itemId, text);
  }

  @Override
  public String toString() {
    return subject + ": " + text;
  }
}
