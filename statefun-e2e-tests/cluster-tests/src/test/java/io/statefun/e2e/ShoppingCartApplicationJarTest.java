package io.statefun.e2e;

import java.util.List;

/**
 * The shopping cart's application jar is what a Flink cluster expects (see the contract), with its
 * functions and Kafka bindings inside and its local run (the harness-based {@code ShoppingCartApp})
 * left out.
 */
class ShoppingCartApplicationJarTest extends ApplicationJarContract {
  ShoppingCartApplicationJarTest() {
    super("shopping-cart.app.jar", "io.statefun.examples.shoppingcart.ShoppingCartModule");
  }

  @Override
  List<String> expectedClasses() {
    return List.of(
        "io/statefun/examples/shoppingcart/cart/CartFn.class",
        "io/statefun/examples/shoppingcart/inventory/InventoryFn.class",
        "io/statefun/examples/shoppingcart/kafka/ShopKafka.class");
  }
}
