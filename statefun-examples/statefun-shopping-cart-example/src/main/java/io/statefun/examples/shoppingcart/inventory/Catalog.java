package io.statefun.examples.shoppingcart.inventory;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The items the shop sells: each with its price and the stock it starts with. Read from the module
 * configuration key {@code catalog} as {@code item:priceCents:initialStock,...}, for example {@code
 * apple:50:20,bread:250:10}.
 */
public final class Catalog implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String CONFIG_KEY = "catalog";

  /** What the local run sells unless configured otherwise. */
  public static final String DEFAULT =
      "apple:50:40,bread:250:20,milk:120:30,coffee:690:10,cheese:440:15";

  /** One item of the catalog. */
  public record Item(String id, long priceCents, int initialStock) implements Serializable {}

  private final Map<String, Item> items;

  private Catalog(Map<String, Item> items) {
    this.items = Collections.unmodifiableMap(items);
  }

  /**
   * @throws IllegalArgumentException naming the configuration key and the entry that is wrong
   */
  public static Catalog parse(String text) {
    Map<String, Item> items = new LinkedHashMap<>();
    for (String entry : text.split(",")) {
      String[] parts = entry.trim().split(":");
      try {
        if (parts.length != 3 || parts[0].isBlank()) {
          throw new IllegalArgumentException("expected item:priceCents:initialStock");
        }
        long price = Long.parseLong(parts[1]);
        int stock = Integer.parseInt(parts[2]);
        if (price < 0 || stock < 0) {
          throw new IllegalArgumentException("price and stock must not be negative");
        }
        if (items.put(parts[0], new Item(parts[0], price, stock)) != null) {
          throw new IllegalArgumentException("item listed twice");
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "module configuration '"
                + CONFIG_KEY
                + "': bad entry '"
                + entry.trim()
                + "': "
                + e.getMessage(),
            e);
      }
    }
    return new Catalog(items);
  }

  /** The item of that id, or null if the shop does not sell it. */
  public Item item(String id) {
    return items.get(id);
  }

  public Map<String, Item> items() {
    return items;
  }
}
