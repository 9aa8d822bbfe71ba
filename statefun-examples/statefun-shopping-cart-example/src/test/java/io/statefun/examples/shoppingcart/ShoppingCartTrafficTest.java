package io.statefun.examples.shoppingcart;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.examples.shoppingcart.commands.ShopCommand;
import io.statefun.examples.shoppingcart.commands.ShopCommand.AddItem;
import io.statefun.examples.shoppingcart.commands.ShopCommand.Checkout;
import io.statefun.examples.shoppingcart.commands.ShopCommand.RemoveItem;
import io.statefun.examples.shoppingcart.commands.ShopCommand.Restock;
import io.statefun.examples.shoppingcart.output.Receipt;
import io.statefun.examples.shoppingcart.output.ReceiptLine;
import io.statefun.flink.harness.Harness;
import io.statefun.flink.harness.HarnessJob;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * The generated traffic of the local run, at parallelism 2 with checkpoints, against a sequential
 * model of the shop. Stock is plentiful, so no reservation is refused and each customer's outcome
 * depends only on their own commands, which reach their cart in order (see {@link ShopTraffic}).
 */
class ShoppingCartTrafficTest {
  private static final ConcurrentLinkedQueue<String> OUTPUT = new ConcurrentLinkedQueue<>();
  private static final int COMMANDS = 2_000;
  private static final List<String> ITEMS = List.of("apple", "bread", "milk", "coffee", "cheese");
  private static final Map<String, Long> PRICES =
      Map.of("apple", 50L, "bread", 250L, "milk", 120L, "coffee", 690L, "cheese", 440L);

  @Test
  void everyCustomerGetsTheReceiptsAndEventsOfTheirOwnCommands() throws Exception {
    Expected expected = model();
    OUTPUT.clear();
    Harness harness =
        new Harness()
            .withParallelism(2)
            .withCheckpointInterval(Duration.ofMillis(500))
            .withConfiguration(
                "statefun.module.global-config.catalog",
                "apple:50:1000000,bread:250:1000000,milk:120:1000000,coffee:690:1000000,"
                    + "cheese:440:1000000")
            .withGeneratedIngress(
                ShopIO.COMMANDS, COMMANDS, index -> ShopTraffic.commandAt(index, ITEMS))
            .withConsumingEgress(ShopIO.RECEIPTS, receipt -> OUTPUT.add(receipt.toString()))
            .withConsumingEgress(ShopIO.EVENTS, event -> OUTPUT.add(event.toString()));
    int total = expected.outputs.size() + expected.restocks;
    try (HarnessJob job = harness.startAsync()) {
      job.awaitCondition(() -> OUTPUT.size() >= total, Duration.ofSeconds(120));
      Thread.sleep(500); // anything extra would arrive now
    }
    List<String> restocks = new ArrayList<>();
    List<String> others = new ArrayList<>();
    for (String output : OUTPUT) {
      (output.startsWith("stock ") ? restocks : others).add(output);
    }
    assertThat(others).containsExactlyInAnyOrderElementsOf(expected.outputs);
    assertThat(restocks).hasSize(expected.restocks).allMatch(r -> r.contains(": restocked 10, "));
    assertThat(expected.outputs).anyMatch(o -> o.startsWith("receipt "));
  }

  private record Expected(List<String> outputs, int restocks) {}

  /** What the shop must emit for the traffic, computed one command after the other. */
  private static Expected model() {
    Map<String, TreeMap<String, Integer>> carts = new HashMap<>();
    Map<String, Integer> orders = new HashMap<>();
    List<String> outputs = new ArrayList<>();
    int restocks = 0;
    for (long index = 0; index < COMMANDS; index++) {
      ShopCommand command = ShopTraffic.commandAt(index, ITEMS);
      if (command instanceof AddItem add) {
        cart(carts, add.userId()).merge(add.itemId(), add.quantity(), Integer::sum);
        outputs.add("cart " + add.userId() + ": reserved " + add.quantity() + " " + add.itemId());
      } else if (command instanceof RemoveItem remove) {
        TreeMap<String, Integer> cart = cart(carts, remove.userId());
        Integer held = cart.get(remove.itemId());
        if (held == null) {
          outputs.add("cart " + remove.userId() + ": has no " + remove.itemId() + " to remove");
        } else {
          int removed = Math.min(held, remove.quantity());
          if (removed == held) {
            cart.remove(remove.itemId());
          } else {
            cart.put(remove.itemId(), held - removed);
          }
          outputs.add("cart " + remove.userId() + ": released " + removed + " " + remove.itemId());
        }
      } else if (command instanceof Checkout checkout) {
        TreeMap<String, Integer> cart = cart(carts, checkout.userId());
        if (cart.isEmpty()) {
          outputs.add("cart " + checkout.userId() + ": nothing to check out");
        } else {
          List<ReceiptLine> lines = new ArrayList<>();
          cart.forEach(
              (item, quantity) -> lines.add(new ReceiptLine(item, quantity, PRICES.get(item))));
          int order = orders.merge(checkout.userId(), 1, Integer::sum);
          outputs.add(
              Receipt.of(checkout.userId() + "-" + order, checkout.userId(), lines).toString());
          cart.clear();
        }
      } else if (command instanceof Restock) {
        restocks++;
      }
    }
    return new Expected(outputs, restocks);
  }

  private static TreeMap<String, Integer> cart(
      Map<String, TreeMap<String, Integer>> carts, String user) {
    return carts.computeIfAbsent(user, u -> new TreeMap<>());
  }
}
