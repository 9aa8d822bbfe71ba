package io.statefun.flink.core.message;

import java.io.IOException;
import java.util.Objects;
import org.apache.flink.annotation.PublicEvolving;

/**
 * A payload serializer read all of a payload's bytes but could not turn them into an object (its
 * class is missing or changed, or the bytes do not parse). Because the bytes were consumed, the
 * envelope can still be read: the message arrives with an {@link UnreadablePayload} in place of its
 * payload, and the target function type's failure policy decides what happens to it. A custom
 * {@link MessagePayloadSerializer} throws this, after reading exactly its payload's bytes, to get
 * the same treatment; any other exception fails the read.
 */
@PublicEvolving
public final class UnreadablePayloadException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String payloadClass;
  private final byte[] bytes;

  /**
   * @param payloadClass the payload's class name as written, or null if the format does not say
   * @param bytes the payload's bytes in the serializer's own format
   */
  public UnreadablePayloadException(
      String payloadClass, byte[] bytes, String message, Throwable cause) {
    super(message, cause);
    this.payloadClass = payloadClass;
    this.bytes = Objects.requireNonNull(bytes);
  }

  /** The payload's class name as written, or null if the format does not say. */
  public String payloadClass() {
    return payloadClass;
  }

  /** The payload's bytes in the serializer's own format. */
  public byte[] bytes() {
    return bytes;
  }
}
