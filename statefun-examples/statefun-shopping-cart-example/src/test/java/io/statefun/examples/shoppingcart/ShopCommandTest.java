package io.statefun.examples.shoppingcart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.examples.shoppingcart.commands.ShopCommand;
import io.statefun.examples.shoppingcart.commands.ShopCommand.AddItem;
import io.statefun.examples.shoppingcart.commands.ShopCommand.Checkout;
import io.statefun.examples.shoppingcart.commands.ShopCommand.RemoveItem;
import io.statefun.examples.shoppingcart.commands.ShopCommand.Restock;
import io.statefun.examples.shoppingcart.inventory.Catalog;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShopCommandTest {

  @Test
  void parsesEachCommandAndWritesItBack() {
    List<ShopCommand> commands =
        List.of(
            new AddItem("alice", "apple", 2),
            new RemoveItem("alice", "apple", 1),
            new Checkout("alice"),
            new Restock("apple", 5));
    for (ShopCommand command : commands) {
      assertThat(ShopCommand.parse(command.line())).isEqualTo(command);
    }
    assertThat(ShopCommand.parse("  ADD bob   milk 3 ")).isEqualTo(new AddItem("bob", "milk", 3));
  }

  @Test
  void badLinesAreQuotedInTheError() {
    assertThatThrownBy(() -> ShopCommand.parse("buy alice apple"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'buy alice apple'")
        .hasMessageContaining("unknown command 'buy'");
    assertThatThrownBy(() -> ShopCommand.parse("add alice apple"))
        .hasMessageContaining("'add' takes 3 arguments, got 2");
    assertThatThrownBy(() -> ShopCommand.parse("add alice apple -1"))
        .hasMessageContaining("quantity must be positive, was -1");
    assertThatThrownBy(() -> ShopCommand.parse("restock apple lots"))
        .hasMessageContaining("'restock apple lots'");
  }

  @Test
  void theCatalogNamesItsKeyAndTheBadEntry() {
    Catalog catalog = Catalog.parse("apple:50:3, bread:250:0");
    assertThat(catalog.item("apple")).isEqualTo(new Catalog.Item("apple", 50, 3));
    assertThat(catalog.item("bread")).isEqualTo(new Catalog.Item("bread", 250, 0));
    assertThat(catalog.item("kiwi")).isNull();
    assertThatThrownBy(() -> Catalog.parse("apple:50:3,bread:2.50:1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'catalog'")
        .hasMessageContaining("'bread:2.50:1'");
    assertThatThrownBy(() -> Catalog.parse("apple:50:3,apple:60:1"))
        .hasMessageContaining("item listed twice");
  }
}
