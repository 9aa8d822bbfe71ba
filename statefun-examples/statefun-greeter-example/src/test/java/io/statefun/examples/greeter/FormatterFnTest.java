package io.statefun.examples.greeter;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.sdk.Address;
import io.statefun.testutil.FunctionTestHarness;
import io.statefun.testutil.Invocation;
import org.junit.jupiter.api.Test;

/** The formatter function on its own, with the test kit: no Flink. */
class FormatterFnTest {
  private final FunctionTestHarness formatter =
      FunctionTestHarness.forType(FormatterFn.TYPE, type -> new FormatterFn());
  private final Address greeter = new Address(GreeterFn.TYPE, "Ann");

  @Test
  void welcomesAFirstVisit() {
    Invocation first = formatter.invoke(greeter, "formatter-Ann", new GreetRequest("Ann", 1));

    assertThat(first.egress(GreeterIO.GREETINGS)).containsExactly("Hello Ann, nice to meet you!");
    assertThat(first.sends()).isEmpty();
  }

  @Test
  void countsLaterVisits() {
    Invocation third = formatter.invoke(greeter, "formatter-Ann", new GreetRequest("Ann", 3));

    assertThat(third.egress(GreeterIO.GREETINGS))
        .containsExactly("Hello Ann, welcome back (visit 3)");
  }

  @Test
  void emitsOneGreetingPerRequest() {
    formatter.invoke(greeter, "formatter-Ann", new GreetRequest("Ann", 1));
    formatter.invoke(greeter, "formatter-Ann", new GreetRequest("Ann", 2));

    assertThat(formatter.egress(GreeterIO.GREETINGS))
        .containsExactly("Hello Ann, nice to meet you!", "Hello Ann, welcome back (visit 2)");
  }
}
