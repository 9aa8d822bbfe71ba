package io.statefun.examples.shoppingcart;

import io.statefun.examples.shoppingcart.cart.CartFn;
import io.statefun.examples.shoppingcart.inventory.Catalog;
import io.statefun.examples.shoppingcart.inventory.InventoryFn;
import io.statefun.flink.harness.io.ConsumingSink;
import io.statefun.flink.harness.io.GeneratorSource;
import io.statefun.flink.io.SinkEgressSpec;
import io.statefun.flink.io.SourceIngressSpec;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Binds the shop: carts, inventories, the command router, and the IO. Found by the {@link
 * java.util.ServiceLoader} (see {@code META-INF/services}).
 *
 * <p>Module configuration (keys under {@code statefun.module.global-config.}):
 *
 * <ul>
 *   <li>{@code catalog}: the items, prices and initial stock (see {@link Catalog});
 *   <li>{@code cart-timeout-ms}: how long a cart may sit untouched before it is abandoned (default
 *       15 minutes);
 *   <li>{@code commands-per-second}: the rate of the generated traffic (default 10).
 * </ul>
 */
public final class ShoppingCartModule implements StatefulFunctionModule {
  public static final String CART_TIMEOUT_KEY = "cart-timeout-ms";
  public static final String RATE_KEY = "commands-per-second";

  @Override
  public void configure(Map<String, String> globalConfiguration, Binder binder) {
    Catalog catalog =
        Catalog.parse(globalConfiguration.getOrDefault(Catalog.CONFIG_KEY, Catalog.DEFAULT));
    Duration cartTimeout =
        Duration.ofMillis(positive(globalConfiguration, CART_TIMEOUT_KEY, 15 * 60 * 1000));
    double rate = positive(globalConfiguration, RATE_KEY, 10);

    binder.bindFunctionProvider(CartFn.TYPE, type -> new CartFn(cartTimeout));
    binder.bindFunctionProvider(InventoryFn.TYPE, type -> new InventoryFn(catalog));

    List<String> items = new ArrayList<>(catalog.items().keySet());
    binder.bindIngress(
        new SourceIngressSpec<>(
            ShopIO.COMMANDS,
            new GeneratorSource<>(
                index -> ShopTraffic.commandAt(index, items), Long.MAX_VALUE, rate),
            WatermarkStrategy.noWatermarks()));
    binder.bindIngressRouter(ShopIO.COMMANDS, new ShopRouter());
    binder.bindEgress(
        new SinkEgressSpec<>(
            ShopIO.RECEIPTS, new ConsumingSink<>(receipt -> System.out.println(receipt))));
    binder.bindEgress(
        new SinkEgressSpec<>(
            ShopIO.EVENTS, new ConsumingSink<>(event -> System.out.println(event))));
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
