package io.statefun.examples.shoppingcart.commands;

import java.util.Locale;

/**
 * What the shop's ingress carries: a customer's action on their cart, or a restock of an item. The
 * text form (see {@link #parse} and {@link #line()}) is one command per line, as in {@code add
 * alice apple 2}, so commands can be typed, logged or read from a topic as plain text.
 */
public sealed interface ShopCommand {

  /** The command as one line of text; {@link #parse} reads it back. */
  String line();

  /** Puts {@code quantity} of {@code itemId} into {@code userId}'s cart, if the stock allows. */
  record AddItem(String userId, String itemId, int quantity) implements ShopCommand {
    public AddItem {
      requireId(userId, "user");
      requireId(itemId, "item");
      requirePositive(quantity);
    }

    @Override
    public String line() {
      return "add " + userId + " " + itemId + " " + quantity;
    }
  }

  /** Takes up to {@code quantity} of {@code itemId} out of the cart, releasing its reservation. */
  record RemoveItem(String userId, String itemId, int quantity) implements ShopCommand {
    public RemoveItem {
      requireId(userId, "user");
      requireId(itemId, "item");
      requirePositive(quantity);
    }

    @Override
    public String line() {
      return "remove " + userId + " " + itemId + " " + quantity;
    }
  }

  /** Buys everything in the cart: the reservations become sales and a receipt is issued. */
  record Checkout(String userId) implements ShopCommand {
    public Checkout {
      requireId(userId, "user");
    }

    @Override
    public String line() {
      return "checkout " + userId;
    }
  }

  /** Adds {@code quantity} of {@code itemId} to the stock. */
  record Restock(String itemId, int quantity) implements ShopCommand {
    public Restock {
      requireId(itemId, "item");
      requirePositive(quantity);
    }

    @Override
    public String line() {
      return "restock " + itemId + " " + quantity;
    }
  }

  /**
   * Reads one command: {@code add <user> <item> <quantity>}, {@code remove <user> <item>
   * <quantity>}, {@code checkout <user>} or {@code restock <item> <quantity>}.
   *
   * @throws IllegalArgumentException quoting the line if it is not a command
   */
  static ShopCommand parse(String line) {
    String[] words = line.trim().split("\\s+");
    try {
      switch (words[0].toLowerCase(Locale.ROOT)) {
        case "add":
          expectWords(words, 4);
          return new AddItem(words[1], words[2], Integer.parseInt(words[3]));
        case "remove":
          expectWords(words, 4);
          return new RemoveItem(words[1], words[2], Integer.parseInt(words[3]));
        case "checkout":
          expectWords(words, 2);
          return new Checkout(words[1]);
        case "restock":
          expectWords(words, 3);
          return new Restock(words[1], Integer.parseInt(words[2]));
        default:
          throw new IllegalArgumentException(
              "unknown command '" + words[0] + "' (add, remove, checkout, restock)");
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "not a shop command: '" + line + "': " + e.getMessage(), e);
    }
  }

  private static void expectWords(String[] words, int count) {
    if (words.length != count) {
      throw new IllegalArgumentException(
          "'" + words[0] + "' takes " + (count - 1) + " arguments, got " + (words.length - 1));
    }
  }

  private static void requireId(String id, String what) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException(what + " id must not be blank");
    }
  }

  private static void requirePositive(int quantity) {
    if (quantity <= 0) {
      throw new IllegalArgumentException("quantity must be positive, was " + quantity);
    }
  }
}
