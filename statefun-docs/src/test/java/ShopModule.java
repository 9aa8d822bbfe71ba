// #region module
import io.statefun.flink.harness.io.ConsumingSink;
import io.statefun.flink.harness.io.GeneratorSource;
import io.statefun.flink.io.SinkEgressSpec;
import io.statefun.flink.io.SourceIngressSpec;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

public final class ShopModule implements StatefulFunctionModule {

  @Override
  public void configure(Map<String, String> globalConfig, Binder binder) {
    // statefun.module.global-config.commands-per-second=50 arrives as "commands-per-second".
    double rate = Double.parseDouble(globalConfig.getOrDefault("commands-per-second", "10"));

    binder.bindIngress(
        new SourceIngressSpec<>(
            ShopIO.COMMANDS,
            new GeneratorSource<>(ShopModule::commandAt, Long.MAX_VALUE, rate),
            WatermarkStrategy.noWatermarks()));
    binder.bindIngressRouter(
        ShopIO.COMMANDS,
        (command, downstream) ->
            downstream.forward(CartFn.TYPE, command.cartId(), command.command()));

    binder.bindFunctionProvider(CartFn.TYPE, type -> new CartFn());
    binder.bindFunctionProvider(StockFn.TYPE, type -> new StockFn());

    binder.bindEgress(
        new SinkEgressSpec<>(
            ShopIO.RECEIPTS, new ConsumingSink<Receipt>(receipt -> System.out.println(receipt))));
  }

  /** Ten carts in turn; every cart adds four items, then checks out. */
  static CartCommand commandAt(long index) {
    String cart = "cart-" + (index % 10);
    long round = index / 10;
    Object command = round % 5 == 4 ? new Checkout() : new AddItem(cart, "sku-" + (round % 5), 1);
    return new CartCommand(cart, command);
  }
}
// #endregion module
