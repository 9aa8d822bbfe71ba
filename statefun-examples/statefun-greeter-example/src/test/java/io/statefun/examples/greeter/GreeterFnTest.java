package io.statefun.examples.greeter;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.sdk.Address;
import io.statefun.testutil.FunctionTestHarness;
import io.statefun.testutil.Invocation;
import io.statefun.testutil.Sent;
import org.junit.jupiter.api.Test;

/** The greeter function on its own, with the test kit: no Flink. */
class GreeterFnTest {
  private final FunctionTestHarness greeter =
      FunctionTestHarness.forType(GreeterFn.TYPE, type -> new GreeterFn());

  @Test
  void asksTheFormatterOfTheNameForAGreetingWithTheVisitCount() {
    Invocation first = greeter.invoke("Alice", "Alice");
    Invocation second = greeter.invoke("Alice", "Alice");

    Address formatter = new Address(FormatterFn.TYPE, "formatter-Alice");
    assertThat(first.sends()).containsExactly(new Sent(formatter, new GreetRequest("Alice", 1)));
    assertThat(second.sends()).containsExactly(new Sent(formatter, new GreetRequest("Alice", 2)));
    assertThat(greeter.value("Alice", "visits")).isEqualTo(2);
  }

  @Test
  void countsEachVisitorOnTheirOwn() {
    greeter.invoke("Alice", "Alice");
    greeter.invoke("Bob", "Bob");
    greeter.invoke("Alice", "Alice");

    assertThat(greeter.value("Alice", "visits")).isEqualTo(2);
    assertThat(greeter.value("Bob", "visits")).isEqualTo(1);
  }

  @Test
  void continuesFromRestoredState() {
    greeter.presetValue("Carol", "visits", 41);

    Invocation visit = greeter.invoke("Carol", "Carol");

    assertThat(visit.sentTo(new Address(FormatterFn.TYPE, "formatter-Carol")))
        .containsExactly(new GreetRequest("Carol", 42));
  }

  @Test
  void neitherEmitsNorSchedules() {
    Invocation visit = greeter.invoke("Dave", "Dave");

    assertThat(visit.egressRecords()).isEmpty();
    assertThat(visit.delayedSends()).isEmpty();
    assertThat(visit.asyncOperations()).isEmpty();
  }
}
