package io.statefun.flink.core.message;

import java.io.IOException;
import org.apache.flink.annotation.PublicEvolving;

/** A payload could not be serialized; names the payload class, the sender and the target. */
@PublicEvolving
public final class PayloadSerializationException extends IOException {
  private static final long serialVersionUID = 1L;

  PayloadSerializationException(Message message, String serializer, Throwable cause) {
    super(
        "cannot serialize a payload of class "
            + (message.payload() == null ? "null" : message.payload().getClass().getName())
            + " sent by "
            + (message.source() == null ? "an ingress router" : message.source())
            + " to "
            + message.target()
            + " with the "
            + serializer
            + " payload serializer: "
            + cause.getMessage(),
        cause);
  }
}
