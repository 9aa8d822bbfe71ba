package io.statefun.examples.shoppingcart;

import io.statefun.examples.shoppingcart.inventory.Catalog;
import io.statefun.flink.harness.Harness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the shop on a local MiniCluster for a while (first argument: seconds, default 15), then
 * stops. The harness replaces the module's Kafka IO: the commands are generated ({@link
 * ShopTraffic}, 10 a second) and receipts and events are printed. Carts time out after 3 seconds
 * here, so abandoned carts show up within the run.
 */
public final class ShoppingCartApp {
  private static final List<String> ITEMS =
      new ArrayList<>(Catalog.parse(Catalog.DEFAULT).items().keySet());

  private ShoppingCartApp() {}

  public static void main(String[] args) throws Exception {
    Duration runFor = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 15);
    System.out.println(
        "Running the shop for " + runFor.toSeconds() + " s on a local Flink MiniCluster...");
    new Harness()
        .withParallelism(2)
        .withCheckpointInterval(Duration.ofSeconds(1))
        .withConfiguration(
            "statefun.module.global-config." + ShoppingCartModule.CART_TIMEOUT_KEY, "3000")
        .withGeneratedIngress(
            ShopIO.COMMANDS, Long.MAX_VALUE, index -> ShopTraffic.commandAt(index, ITEMS), 10)
        .withPrintingEgress(ShopIO.RECEIPTS)
        .withPrintingEgress(ShopIO.EVENTS)
        .run(runFor);
    System.out.println("Shop closed.");
  }
}
