package io.statefun.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ContextTest {
  private static final FunctionType GREETER = new FunctionType("com.example", "greeter");
  private static final Address SELF = new Address(GREETER, "self");
  private static final Address CALLER = new Address(new FunctionType("com.example", "caller"), "c");

  @Test
  void sendToTypeAndIdSendsToTheirAddress() {
    TestContext context = new TestContext(SELF, null);

    context.send(GREETER, "user-42", "hello");

    assertThat(context.sent)
        .containsExactly(new TestContext.Sent(new Address(GREETER, "user-42"), "hello"));
  }

  @Test
  void sendToTypeAndIdRejectsAnEmptyId() {
    TestContext context = new TestContext(SELF, null);

    assertThatThrownBy(() -> context.send(GREETER, "", "hello"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Address id");
    assertThat(context.sent).isEmpty();
  }

  @Test
  void sendAfterToTypeAndIdSendsToTheirAddressWithTheDelay() {
    TestContext context = new TestContext(SELF, null);

    context.sendAfter(Duration.ofSeconds(5), GREETER, "user-42", "later");

    assertThat(context.delayed)
        .containsExactly(
            new TestContext.Delayed(
                Duration.ofSeconds(5), new Address(GREETER, "user-42"), "later", null));
    assertThat(context.sent).isEmpty();
  }

  @Test
  void replySendsToTheCaller() {
    TestContext context = new TestContext(SELF, CALLER);

    context.reply("pong");

    assertThat(context.sent).containsExactly(new TestContext.Sent(CALLER, "pong"));
  }

  @Test
  void replyWithoutCallerThrowsNamingSelf() {
    TestContext context = new TestContext(SELF, null);

    assertThatThrownBy(() -> context.reply("pong"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("com.example/greeter/self");
    assertThat(context.sent).isEmpty();
  }
}
