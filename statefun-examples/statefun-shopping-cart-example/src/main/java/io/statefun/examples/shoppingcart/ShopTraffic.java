package io.statefun.examples.shoppingcart;

import io.statefun.examples.shoppingcart.commands.ShopCommand;
import io.statefun.examples.shoppingcart.commands.ShopCommand.AddItem;
import io.statefun.examples.shoppingcart.commands.ShopCommand.Checkout;
import io.statefun.examples.shoppingcart.commands.ShopCommand.RemoveItem;
import io.statefun.examples.shoppingcart.commands.ShopCommand.Restock;
import java.util.List;

/**
 * Made-up shop traffic for the local run, a pure function of the position in the stream (so a
 * restored job regenerates the same commands). Customers come in visits of five commands: three
 * adds, a remove, then a checkout; one visit in four ends with another add instead, and that cart
 * is abandoned later. In every fifth block of two visits, the shop restocks an item instead of the
 * checkouts.
 *
 * <p>Two lanes of visits are interleaved, one on the even positions and one on the odd positions,
 * and each customer shops in one lane: at parallelism 1 or 2 all of a customer's commands come from
 * one source split, in order.
 */
public final class ShopTraffic {
  static final int CUSTOMERS = 40;
  static final int COMMANDS_PER_VISIT = 5;
  private static final int LANES = 2;

  private ShopTraffic() {}

  /** The command at {@code index} of the stream, over the items of {@code items}. */
  public static ShopCommand commandAt(long index, List<String> items) {
    long block = index / (LANES * COMMANDS_PER_VISIT);
    long visit = block * LANES + index % LANES;
    int step = (int) ((index % (LANES * COMMANDS_PER_VISIT)) / LANES);
    // Each customer shops in one lane only, so their visits never overlap.
    long lane = index % LANES;
    String user = "customer-" + (LANES * (mix(visit, 0) % (CUSTOMERS / LANES)) + lane);
    String item = items.get((int) (mix(visit, step + 1) % items.size()));
    switch (step) {
      case 0:
      case 1:
      case 2:
        return new AddItem(user, item, 1 + (int) (mix(visit, step + 10) % 3));
      case 3:
        String earlier = items.get((int) (mix(visit, 2) % items.size()));
        return new RemoveItem(user, earlier, 1);
      default:
        if (block % 5 == 4) {
          return new Restock(item, 10);
        }
        boolean leaves = mix(visit, 99) % 4 == 0;
        return leaves ? new AddItem(user, item, 1) : new Checkout(user);
    }
  }

  /** A well-spread non-negative hash of {@code (a, b)}. */
  private static long mix(long a, long b) {
    long x = a * 0x9E3779B97F4A7C15L + b * 0xC2B2AE3D27D4EB4FL;
    x ^= x >>> 31;
    x *= 0xBF58476D1CE4E5B9L;
    x ^= x >>> 29;
    return x & Long.MAX_VALUE;
  }
}
