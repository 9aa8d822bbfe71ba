package io.statefun.examples.greeter;

import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.io.IngressIdentifier;

/** The greeter's ingress (names of visitors) and egress (greetings). */
public final class GreeterIO {
  public static final IngressIdentifier<String> NAMES =
      new IngressIdentifier<>(String.class, "greeter", "names");
  public static final EgressIdentifier<String> GREETINGS =
      new EgressIdentifier<>("greeter", "greetings", String.class);

  private GreeterIO() {}
}
