package io.statefun.flink.core.message;

import io.statefun.sdk.Address;
import io.statefun.sdk.FunctionType;
import java.util.Objects;

/** Builds a {@link RoutableMessage}: a target address and a body, optionally a sender. */
public final class RoutableMessageBuilder {
  private Address source;
  private Address target;
  private Object payload;

  private RoutableMessageBuilder() {}

  public static RoutableMessageBuilder builder() {
    return new RoutableMessageBuilder();
  }

  public RoutableMessageBuilder withTargetAddress(FunctionType type, String id) {
    return withTargetAddress(new Address(type, id));
  }

  public RoutableMessageBuilder withTargetAddress(Address target) {
    this.target = Objects.requireNonNull(target, "target address");
    return this;
  }

  public RoutableMessageBuilder withSourceAddress(FunctionType type, String id) {
    return withSourceAddress(new Address(type, id));
  }

  /** The sender the target sees as its caller; null (the default) for none. */
  public RoutableMessageBuilder withSourceAddress(Address source) {
    this.source = source;
    return this;
  }

  public RoutableMessageBuilder withMessageBody(Object payload) {
    this.payload = Objects.requireNonNull(payload, "message body");
    return this;
  }

  /**
   * @throws IllegalStateException if the target address or the body is missing
   */
  public RoutableMessage build() {
    if (target == null) {
      throw new IllegalStateException(
          "a RoutableMessage needs a target address: call withTargetAddress");
    }
    if (payload == null) {
      throw new IllegalStateException(
          "the RoutableMessage for " + target + " needs a body: call withMessageBody");
    }
    return new Message(source, target, payload);
  }
}
