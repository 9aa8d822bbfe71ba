import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.sdk.Address;
import io.statefun.sdk.AsyncOperationResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The functions the pages show do what the pages say, invoked without Flink. */
class SnippetFunctionsTest {

  @Test
  void aCartWaitsForOutstandingReservationsBeforeItChecksOut() {
    CartFn cart = new CartFn();
    Address stock = new Address(StockFn.TYPE, "apple");
    TestContext context = new TestContext(new Address(CartFn.TYPE, "cart-1"));

    cart.invoke(context, new AddItem("cart-1", "apple", 2));
    assertThat(context.sent).containsExactly(new TestContext.Sent(stock, new Reserve(2)));

    cart.invoke(context, new Checkout());
    assertThat(context.emitted).as("a reservation is still pending").isEmpty();

    cart.invoke(context.from(stock), new Reserved("apple", 2));
    assertThat(context.emitted).containsExactly(new Receipt("cart-1", Map.of("apple", 2)));
    assertThat(context.counters).containsEntry("checkouts", 1L);

    cart.invoke(context.from(null), new Checkout());
    assertThat(context.emitted).last().isEqualTo(new Receipt("cart-1", Map.of()));
  }

  @Test
  void theStockRepliesToTheCartThatAsked() {
    StockFn stock = new StockFn();
    Address cart = new Address(CartFn.TYPE, "cart-1");
    TestContext context = new TestContext(new Address(StockFn.TYPE, "apple")).from(cart);

    stock.invoke(context, new Reserve(3));

    assertThat(context.sent).containsExactly(new TestContext.Sent(cart, new Reserved("apple", 3)));
  }

  @Test
  void theMatchFunctionTakesTheFirstMatchingCaseOfTheInputsClass() {
    GreetingFn greeting = new GreetingFn();
    TestContext context = new TestContext(new Address(GreetingFn.TYPE, "x"));

    greeting.invoke(context, new GreetingFn.Greet("Ann"));
    greeting.invoke(context, new GreetingFn.Greet(""));
    greeting.invoke(context, new GreetingFn.Greet("Ann"));
    greeting.invoke(context, new GreetingFn.Reset());
    greeting.invoke(context, new GreetingFn.Greet("Ann"));
    greeting.invoke(context, 42);

    assertThat(context.emitted)
        .containsExactly("Hello Ann (#1)", "Hello Ann (#2)", "Hello Ann (#1)");
    assertThat(context.counters).containsEntry("ignored", 1L);
  }

  @Test
  void eachTouchRestartsTheSessionTimeout() {
    SessionFn session = new SessionFn();
    Address self = new Address(SessionFn.TYPE, "alice");
    TestContext context = new TestContext(self);

    session.invoke(context, new SessionFn.Touch());
    session.invoke(context, new SessionFn.Touch());

    assertThat(context.cancelled).containsExactly("timeout", "timeout");
    assertThat(context.delayed)
        .hasSize(2)
        .allSatisfy(
            d -> {
              assertThat(d.delay()).isEqualTo(Duration.ofMinutes(30));
              assertThat(d.to()).isEqualTo(self);
              assertThat(d.message()).isInstanceOf(SessionFn.Expire.class);
              assertThat(d.token()).isEqualTo("timeout");
            });
  }

  @Test
  void aPriceLookupOfUnknownOutcomeIsAskedAgain() throws Exception {
    ExecutorService lookups = Executors.newSingleThreadExecutor();
    PriceFn price = new PriceFn(lookups);
    Address self = new Address(PriceFn.TYPE, "apple");
    TestContext context = new TestContext(self);

    try {
      price.invoke(context, new PriceFn.Lookup("apple"));
      assertThat(context.async.get("apple").get(60, TimeUnit.SECONDS)).isEqualTo(7.5);
    } finally {
      lookups.shutdownNow();
    }

    price.invoke(context, AsyncOperationResult.unknown("apple"));
    assertThat(context.sent)
        .containsExactly(new TestContext.Sent(self, new PriceFn.Lookup("apple")));

    price.invoke(context, AsyncOperationResult.failure("apple", new RuntimeException("down")));
    assertThat(context.counters).containsEntry("lookup-failures", 1L);
  }

  @Test
  void dynamicallyRegisteredStateCountsPerName() {
    DynamicFn dynamic = new DynamicFn(List.of("a", "b"));
    TestContext context = new TestContext(new Address(GreetingFn.TYPE, "x"));

    dynamic.invoke(context, "a");
    dynamic.invoke(context, "a");
    dynamic.invoke(context, "c");

    assertThat(dynamic.count("a")).isEqualTo(2L);
    assertThat(dynamic.count("b")).isNull();
  }

  @Test
  void aDuplicateDynamicStateNameIsRejected() {
    assertThatThrownBy(() -> new DynamicFn(List.of("a", "a")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a");
  }
}
