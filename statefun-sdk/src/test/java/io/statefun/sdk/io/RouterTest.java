package io.statefun.sdk.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.sdk.Address;
import io.statefun.sdk.FunctionType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouterTest {
  private record Forwarded(Address to, Object message) {}

  @Test
  void forwardToTypeAndIdForwardsToTheirAddress() {
    List<Forwarded> forwarded = new ArrayList<>();
    Router.Downstream<String> downstream =
        (to, message) -> forwarded.add(new Forwarded(to, message));
    FunctionType greeter = new FunctionType("com.example", "greeter");

    downstream.forward(greeter, "user-42", "hello");

    assertThat(forwarded).containsExactly(new Forwarded(new Address(greeter, "user-42"), "hello"));
  }
}
