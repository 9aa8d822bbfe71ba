package io.statefun.examples.shoppingcart.output;

/** One item of a receipt: how many were bought, at the price quoted when they were reserved. */
public record ReceiptLine(String itemId, int quantity, long unitPriceCents) {

  public long totalCents() {
    return unitPriceCents * quantity;
  }

  @Override
  public String toString() {
    return quantity + " " + itemId + " at " + Money.format(unitPriceCents);
  }
}
