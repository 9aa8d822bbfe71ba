package io.statefun.flink.core.message;

import org.apache.flink.annotation.Internal;

/**
 * Stands in for a payload that arrived (from the network, state or a checkpoint's feedback log) but
 * could not be deserialized. It carries what is known, so the function operator can apply the
 * target's failure policy: fail naming the target and the payload class, or dead-letter the bytes.
 * It is never handed to a function and cannot be serialized again.
 */
@Internal
public final class UnreadablePayload {
  private final String serializer;
  private final String payloadClass;
  private final byte[] bytes;
  private final String reason;

  UnreadablePayload(String serializer, UnreadablePayloadException failure) {
    this.serializer = serializer;
    this.payloadClass = failure.payloadClass();
    this.bytes = failure.bytes();
    Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
    this.reason = failure.getMessage() + (cause == failure ? "" : ": " + cause);
  }

  /** The payload serializer that wrote it ({@code kryo}, {@code protobuf}, …). */
  public String serializer() {
    return serializer;
  }

  /** The payload's class name as written, or null if its format does not say. */
  public String payloadClass() {
    return payloadClass;
  }

  /** The payload's bytes in its serializer's format. */
  public byte[] bytes() {
    return bytes;
  }

  /** Why it could not be read. */
  public String reason() {
    return reason;
  }

  @Override
  public String toString() {
    return "unreadable "
        + serializer
        + " payload of class "
        + (payloadClass == null ? "<not recorded>" : payloadClass)
        + " ("
        + bytes.length
        + " bytes): "
        + reason;
  }
}
