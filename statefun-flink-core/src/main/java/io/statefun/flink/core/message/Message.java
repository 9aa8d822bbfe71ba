package io.statefun.flink.core.message;

import io.statefun.sdk.Address;
import org.apache.flink.annotation.Internal;

/**
 * A message on its way to a function: who sent it (null when it came from an ingress), where it
 * goes, and the payload. Immutable; the runtime hands the same instance from sender to receiver
 * when both live in one subtask.
 */
@Internal
public final class Message implements RoutableMessage {
  private final Address source;
  private final Address target;
  private final Object payload;

  public Message(Address source, Address target, Object payload) {
    this.source = source;
    this.target = target;
    this.payload = payload;
  }

  /** The sender, or null for a message from an ingress or an async completion. */
  @Override
  public Address source() {
    return source;
  }

  @Override
  public Address target() {
    return target;
  }

  @Override
  public Object payload() {
    return payload;
  }

  @Override
  public String toString() {
    return "Message{"
        + (source == null ? "ingress" : source)
        + " -> "
        + target
        + ", payload="
        + (payload == null ? "null" : payload.getClass().getName())
        + '}';
  }
}
