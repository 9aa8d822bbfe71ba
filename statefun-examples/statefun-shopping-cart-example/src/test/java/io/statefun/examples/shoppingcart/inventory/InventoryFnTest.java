package io.statefun.examples.shoppingcart.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.examples.shoppingcart.ShopIO;
import io.statefun.examples.shoppingcart.cart.CartFn;
import io.statefun.examples.shoppingcart.commands.ShopCommand.Restock;
import io.statefun.examples.shoppingcart.output.ShopEvent;
import io.statefun.sdk.Address;
import io.statefun.testutil.FunctionTestHarness;
import io.statefun.testutil.Invocation;
import io.statefun.testutil.Sent;
import org.junit.jupiter.api.Test;

/** The inventory on its own, with the test kit. */
class InventoryFnTest {
  private static final Address ALICE = new Address(CartFn.TYPE, "alice");
  private static final Address BOB = new Address(CartFn.TYPE, "bob");

  private final FunctionTestHarness inventory =
      FunctionTestHarness.forType(
          InventoryFn.TYPE, type -> new InventoryFn(Catalog.parse("apple:50:3")));

  @Test
  void reservesFromTheCatalogStockAndRepliesToTheCart() {
    Invocation reserve = inventory.invoke(ALICE, "apple", new Stock.Reserve(2));
    Invocation tooMany = inventory.invoke(BOB, "apple", new Stock.Reserve(2));

    assertThat(reserve.sends())
        .containsExactly(new Sent(ALICE, new Stock.Reserved("apple", 2, 50)));
    assertThat(reserve.replies()).hasSize(1);
    assertThat(tooMany.replies()).containsExactly(new Stock.Refused("apple", 2, 1));
    assertThat(inventory.value("apple", "available")).isEqualTo(1);
    assertThat(inventory.value("apple", "reserved")).isEqualTo(2);
  }

  @Test
  void releasedStockIsAvailableAgainAndCommittedStockIsSold() {
    inventory.invoke(ALICE, "apple", new Stock.Reserve(3));
    inventory.invoke(ALICE, "apple", new Stock.Release(1));
    inventory.invoke(ALICE, "apple", new Stock.Commit(2));

    assertThat(inventory.value("apple", "available")).isEqualTo(1);
    assertThat(inventory.value("apple", "reserved")).isEqualTo(0);
    assertThat(inventory.value("apple", "sold")).isEqualTo(2);
  }

  @Test
  void restockAddsToTheAvailableStock() {
    Invocation restock = inventory.invoke("apple", new Restock("apple", 4));

    assertThat(restock.egress(ShopIO.EVENTS))
        .containsExactly(ShopEvent.ofStock("apple", "restocked 4, 7 available"));
  }

  @Test
  void itemsOutsideTheCatalogHaveNoStockAndCannotBeRestocked() {
    Invocation reserve = inventory.invoke(ALICE, "kiwi", new Stock.Reserve(1));
    Invocation restock = inventory.invoke("kiwi", new Restock("kiwi", 4));

    assertThat(reserve.replies()).containsExactly(new Stock.Refused("kiwi", 1, 0));
    assertThat(restock.egress(ShopIO.EVENTS))
        .containsExactly(ShopEvent.ofStock("kiwi", "not in the catalog, restock ignored"));
    assertThat(inventory.value("kiwi", "available")).isNull();
  }
}
