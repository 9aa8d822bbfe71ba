package io.statefun.flink.core.functions;

import org.apache.flink.annotation.PublicEvolving;

/**
 * A function sent a payload that cannot be serialized and read back; thrown at the send, naming the
 * sender, the target and the payload's class.
 */
@PublicEvolving
public final class PayloadNotSerializableException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  PayloadNotSerializableException(String message, Throwable cause) {
    super(message, cause);
  }
}
