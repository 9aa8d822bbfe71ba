package io.statefun.examples.shoppingcart.cart;

/** What a cart holds of one item: the reserved quantity and the price quoted for it. */
public record CartLine(int quantity, long unitPriceCents) {}
