package io.statefun.examples.shoppingcart;

import io.statefun.flink.harness.Harness;
import java.time.Duration;

/**
 * Runs the shop on a local MiniCluster for a while (first argument: seconds, default 15) with
 * generated traffic, printing receipts and events, then stops. Carts time out after 3 seconds here,
 * so abandoned carts show up within the run.
 */
public final class ShoppingCartApp {
  private ShoppingCartApp() {}

  public static void main(String[] args) throws Exception {
    Duration runFor = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 15);
    System.out.println(
        "Running the shop for " + runFor.toSeconds() + " s on a local Flink MiniCluster...");
    new Harness()
        .withParallelism(2)
        .withCheckpointInterval(Duration.ofSeconds(1))
        .withConfiguration("statefun.module.global-config." + ShoppingCartModule.RATE_KEY, "10")
        .withConfiguration(
            "statefun.module.global-config." + ShoppingCartModule.CART_TIMEOUT_KEY, "3000")
        .run(runFor);
    System.out.println("Shop closed.");
  }
}
