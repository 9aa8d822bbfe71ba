package io.statefun.examples.shoppingcart.cart;

/**
 * The delayed message a cart sends itself after each change: if it arrives while the cart's
 * activity counter still equals {@code activity}, nothing happened since and the cart is abandoned.
 */
public record CartTimeout(long activity) {}
