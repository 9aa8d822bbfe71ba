package io.statefun.examples.shoppingcart.cart;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.examples.shoppingcart.ShopIO;
import io.statefun.examples.shoppingcart.commands.ShopCommand.AddItem;
import io.statefun.examples.shoppingcart.commands.ShopCommand.Checkout;
import io.statefun.examples.shoppingcart.commands.ShopCommand.RemoveItem;
import io.statefun.examples.shoppingcart.inventory.InventoryFn;
import io.statefun.examples.shoppingcart.inventory.Stock;
import io.statefun.examples.shoppingcart.output.Receipt;
import io.statefun.examples.shoppingcart.output.ReceiptLine;
import io.statefun.examples.shoppingcart.output.ShopEvent;
import io.statefun.sdk.Address;
import io.statefun.testutil.DelayedSend;
import io.statefun.testutil.FunctionTestHarness;
import io.statefun.testutil.Invocation;
import io.statefun.testutil.Sent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cart on its own, with the test kit: inventory answers and the clock are the test's. */
class CartFnTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(15);
  private static final Address APPLES = new Address(InventoryFn.TYPE, "apple");
  private static final Address MILK = new Address(InventoryFn.TYPE, "milk");

  private final FunctionTestHarness carts =
      FunctionTestHarness.forType(CartFn.TYPE, type -> new CartFn(TIMEOUT));

  @Test
  void anAddAsksTheInventoryAndArmsTheTimeout() {
    Invocation add = carts.invoke("alice", new AddItem("alice", "apple", 2));

    assertThat(add.sends()).containsExactly(new Sent(APPLES, new Stock.Reserve(2)));
    assertThat(add.cancellations()).containsExactly(CartFn.TIMEOUT_TOKEN);
    assertThat(add.delayedSends())
        .containsExactly(
            new DelayedSend(
                TIMEOUT, carts.address("alice"), new CartTimeout(1), CartFn.TIMEOUT_TOKEN));
    assertThat(carts.value("alice", "awaiting")).isEqualTo("apple");
  }

  @Test
  void commandsWaitForTheInventorysAnswerThenApplyInOrder() {
    carts.invoke("alice", new AddItem("alice", "apple", 2));
    Invocation early = carts.invoke("alice", new Checkout("alice"));
    assertThat(early.hasNoEffects()).isTrue();
    assertThat(carts.buffer("alice", "queued")).containsExactly(new Checkout("alice"));

    Invocation answer = carts.invoke(APPLES, "alice", new Stock.Reserved("apple", 2, 50));

    assertThat(answer.egress(ShopIO.EVENTS))
        .containsExactly(ShopEvent.ofCart("alice", "reserved 2 apple"));
    assertThat(answer.egress(ShopIO.RECEIPTS))
        .containsExactly(Receipt.of("alice-1", "alice", List.of(new ReceiptLine("apple", 2, 50))));
    assertThat(answer.sentTo(APPLES)).containsExactly(new Stock.Commit(2));
    assertThat(carts.buffer("alice", "queued")).isEmpty();
    assertThat(carts.table("alice", "lines")).isEmpty();
    assertThat(carts.pendingDelayedSends()).as("a checked-out cart has no timeout").isEmpty();
  }

  @Test
  void aSecondAddWaitsBehindTheFirst() {
    carts.invoke("alice", new AddItem("alice", "apple", 1));
    carts.invoke("alice", new AddItem("alice", "milk", 1));

    Invocation apples = carts.invoke(APPLES, "alice", new Stock.Reserved("apple", 1, 50));

    assertThat(apples.sends()).containsExactly(new Sent(MILK, new Stock.Reserve(1)));
    assertThat(carts.value("alice", "awaiting")).isEqualTo("milk");
  }

  @Test
  void anUntouchedCartIsAbandonedAfterTheTimeoutAndReleasesItsStock() {
    reserve("alice", "apple", 2);

    assertThat(carts.advanceTime(TIMEOUT.minusSeconds(1))).isEmpty();
    List<Invocation> fired = carts.advanceTime(Duration.ofSeconds(1));

    assertThat(fired).hasSize(1);
    assertThat(fired.get(0).sentTo(APPLES)).containsExactly(new Stock.Release(2));
    assertThat(fired.get(0).egress(ShopIO.EVENTS))
        .containsExactly(ShopEvent.ofCart("alice", "abandoned, released 2 apple"));
    assertThat(carts.table("alice", "lines")).isEmpty();
  }

  @Test
  void activityPostponesTheTimeout() {
    reserve("alice", "apple", 2);
    carts.advanceTime(TIMEOUT.minusMinutes(1));
    carts.invoke("alice", new RemoveItem("alice", "apple", 1));

    assertThat(carts.advanceTime(TIMEOUT.minusMinutes(1))).isEmpty();
    List<Invocation> fired = carts.advanceTime(Duration.ofMinutes(1));

    assertThat(fired).hasSize(1);
    assertThat(fired.get(0).sentTo(APPLES)).containsExactly(new Stock.Release(1));
  }

  @Test
  void aTimeoutScheduledBeforeTheLatestChangeIsIgnored() {
    reserve("alice", "apple", 2); // the add armed timeout 1, the answer timeout 2

    Invocation stale = carts.invoke(carts.address("alice"), "alice", new CartTimeout(1));

    assertThat(stale.hasNoEffects()).isTrue();
    assertThat(carts.table("alice", "lines")).containsKey("apple");
  }

  @Test
  void aRefusedReservationLeavesTheCartEmptyAndUnarmed() {
    carts.invoke("alice", new AddItem("alice", "apple", 5));

    Invocation refused = carts.invoke(APPLES, "alice", new Stock.Refused("apple", 5, 3));

    assertThat(refused.egress(ShopIO.EVENTS))
        .containsExactly(ShopEvent.ofCart("alice", "cannot reserve 5 apple, 3 available"));
    assertThat(carts.pendingDelayedSends()).isEmpty();
  }

  @Test
  void removalIsCappedAtWhatTheCartHolds() {
    reserve("alice", "apple", 2);

    Invocation remove = carts.invoke("alice", new RemoveItem("alice", "apple", 5));
    Invocation again = carts.invoke("alice", new RemoveItem("alice", "apple", 1));

    assertThat(remove.sentTo(APPLES)).containsExactly(new Stock.Release(2));
    assertThat(again.egress(ShopIO.EVENTS))
        .containsExactly(ShopEvent.ofCart("alice", "has no apple to remove"));
    assertThat(again.sends()).isEmpty();
  }

  private void reserve(String user, String item, int quantity) {
    carts.invoke(user, new AddItem(user, item, quantity));
    carts.invoke(new Address(InventoryFn.TYPE, item), user, new Stock.Reserved(item, quantity, 50));
  }
}
