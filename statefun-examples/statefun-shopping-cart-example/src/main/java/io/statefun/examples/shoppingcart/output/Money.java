package io.statefun.examples.shoppingcart.output;

/** Prices are kept in cents; this formats them for people. */
public final class Money {
  private Money() {}

  /** {@code 1250} as {@code 12.50}. */
  public static String format(long cents) {
    return String.format("%d.%02d", cents / 100, Math.abs(cents % 100));
  }
}
