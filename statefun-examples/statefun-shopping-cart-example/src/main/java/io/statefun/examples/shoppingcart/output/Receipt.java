package io.statefun.examples.shoppingcart.output;

import java.util.ArrayList;
import java.util.List;

/**
 * What a checkout emits: the order, its lines (sorted by item) and the total.
 *
 * <p>The lines are kept in an {@link ArrayList}: the record travels through Flink's Kryo
 * serializer, which cannot rebuild the JDK's immutable lists.
 */
public record Receipt(String orderId, String userId, List<ReceiptLine> lines, long totalCents) {

  public Receipt {
    lines = new ArrayList<>(lines);
  }

  /** A receipt for {@code lines}, with the total computed from them. */
  public static Receipt of(String orderId, String userId, List<ReceiptLine> lines) {
    long total = 0;
    for (ReceiptLine line : lines) {
      total += line.totalCents();
    }
    return new Receipt(orderId, userId, lines, total);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("receipt ").append(orderId).append(" for ");
    text.append(userId).append(": ");
    for (int i = 0; i < lines.size(); i++) {
      text.append(i == 0 ? "" : ", ").append(lines.get(i));
    }
    return text.append("; total ").append(Money.format(totalCents)).toString();
  }
}
