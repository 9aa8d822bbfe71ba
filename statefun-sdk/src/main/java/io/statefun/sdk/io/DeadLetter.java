package io.statefun.sdk.io;

import io.statefun.sdk.Address;
import java.io.Serializable;
import java.util.Objects;

/**
 * A message or ingress record that failed under the {@code dead-letter} failure policy, with where
 * it came from, where it went, and why it failed. The runtime sends dead letters to {@link
 * #EGRESS}; a module binds that egress to any sink like any other egress to keep them (to inspect
 * them, or to replay a fixed version of their payloads). If no module binds it, dead letters are
 * logged and counted.
 */
public final class DeadLetter implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The egress dead letters go to: {@code statefun/dead-letters}. */
  public static final EgressIdentifier<DeadLetter> EGRESS =
      new EgressIdentifier<>("statefun", "dead-letters", DeadLetter.class);

  /** What failed. */
  public enum Cause {
    /** An ingress router threw on the record. */
    ROUTER,
    /** The target function threw on the message. */
    FUNCTION,
    /** No module binds the message's target function type. */
    UNKNOWN_FUNCTION_TYPE,
    /**
     * The invocation sent a payload that cannot be serialized and read back; the dead letter
     * carries the message the invocation processed.
     */
    PAYLOAD,
    /**
     * The message's payload arrived (from another subtask, from state or from a checkpoint) but
     * could not be deserialized; the dead letter's payload is its bytes in the payload serializer's
     * format ({@code byte[]}), its description names the class and the reason.
     */
    PAYLOAD_NOT_READABLE
  }

  private final Cause cause;
  private final Address target;
  private final Address sender;
  private final String ingress;
  private final Object payload;
  private final String payloadDescription;
  private final String exceptionClass;
  private final String exceptionMessage;
  private final long timestampMillis;

  public DeadLetter(
      Cause cause,
      Address target,
      Address sender,
      String ingress,
      Object payload,
      String payloadDescription,
      String exceptionClass,
      String exceptionMessage,
      long timestampMillis) {
    this.cause = Objects.requireNonNull(cause, "cause");
    this.target = target;
    this.sender = sender;
    this.ingress = ingress;
    this.payload = payload;
    this.payloadDescription = payloadDescription;
    this.exceptionClass = exceptionClass;
    this.exceptionMessage = exceptionMessage;
    this.timestampMillis = timestampMillis;
  }

  public Cause cause() {
    return cause;
  }

  /** The address the message was sent to; null for a record that a router failed on. */
  public Address target() {
    return target;
  }

  /** The function that sent the message; null if it came from an ingress. */
  public Address sender() {
    return sender;
  }

  /** The ingress ({@code namespace/name}) the record or message came from, if known; else null. */
  public String ingress() {
    return ingress;
  }

  /**
   * The failed message's payload or the ingress record, to replay it; null when it cannot travel (a
   * payload that failed to serialize).
   */
  public Object payload() {
    return payload;
  }

  /** The payload's class and the start of its {@code toString()}. */
  public String payloadDescription() {
    return payloadDescription;
  }

  public String exceptionClass() {
    return exceptionClass;
  }

  public String exceptionMessage() {
    return exceptionMessage;
  }

  /** When the failure happened, in milliseconds since the epoch. */
  public long timestampMillis() {
    return timestampMillis;
  }

  @Override
  public String toString() {
    return "DeadLetter{"
        + cause
        + ", target="
        + target
        + ", sender="
        + sender
        + ", ingress="
        + ingress
        + ", payload="
        + payloadDescription
        + ", exception="
        + exceptionClass
        + ": "
        + exceptionMessage
        + "}";
  }
}
