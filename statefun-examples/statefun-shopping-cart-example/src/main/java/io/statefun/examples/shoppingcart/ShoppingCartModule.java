package io.statefun.examples.shoppingcart;

import io.statefun.examples.shoppingcart.cart.CartFn;
import io.statefun.examples.shoppingcart.inventory.Catalog;
import io.statefun.examples.shoppingcart.inventory.InventoryFn;
import io.statefun.examples.shoppingcart.kafka.ShopKafka;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.time.Duration;
import java.util.Map;

/**
 * Binds the shop: carts, inventories, the command router, and Kafka IO (see {@link ShopKafka}).
 * Found by the {@link java.util.ServiceLoader} (see {@code META-INF/services}). Locally, the
 * harness replaces the Kafka ingress and egresses (see {@link ShoppingCartApp}).
 *
 * <p>Module configuration (keys under {@code statefun.module.global-config.}):
 *
 * <ul>
 *   <li>{@code catalog}: the items, prices and initial stock (see {@link Catalog});
 *   <li>{@code cart-timeout-ms}: how long a cart may sit untouched before it is abandoned (default
 *       15 minutes);
 *   <li>{@code kafka-address}: the Kafka bootstrap servers (default {@code localhost:9092}).
 * </ul>
 */
public final class ShoppingCartModule implements StatefulFunctionModule {
  public static final String CART_TIMEOUT_KEY = "cart-timeout-ms";
  public static final String KAFKA_ADDRESS_KEY = "kafka-address";

  @Override
  public void configure(Map<String, String> globalConfiguration, Binder binder) {
    Catalog catalog =
        Catalog.parse(globalConfiguration.getOrDefault(Catalog.CONFIG_KEY, Catalog.DEFAULT));
    Duration cartTimeout =
        Duration.ofMillis(positive(globalConfiguration, CART_TIMEOUT_KEY, 15 * 60 * 1000));
    String kafka = globalConfiguration.getOrDefault(KAFKA_ADDRESS_KEY, "localhost:9092");

    binder.bindFunctionProvider(CartFn.TYPE, type -> new CartFn(cartTimeout));
    binder.bindFunctionProvider(InventoryFn.TYPE, type -> new InventoryFn(catalog));
    binder.bindIngress(ShopKafka.commands(kafka));
    binder.bindIngressRouter(ShopIO.COMMANDS, new ShopRouter());
    binder.bindEgress(ShopKafka.receipts(kafka));
    binder.bindEgress(ShopKafka.events(kafka));
  }

  private static long positive(Map<String, String> config, String key, long orElse) {
    String value = config.get(key);
    if (value == null) {
      return orElse;
    }
    try {
      long parsed = Long.parseLong(value.trim());
      if (parsed <= 0) {
        throw new NumberFormatException("not positive");
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "module configuration '" + key + "' must be a positive whole number, was '" + value + "'",
          e);
    }
  }
}
