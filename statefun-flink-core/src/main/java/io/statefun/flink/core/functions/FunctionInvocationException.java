package io.statefun.flink.core.functions;

import io.statefun.flink.core.message.Message;
import org.apache.flink.annotation.PublicEvolving;

/** A function threw; names the function type, the address and the input's class. */
@PublicEvolving
public final class FunctionInvocationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  FunctionInvocationException(Message message, Throwable cause) {
    super(
        "function "
            + message.target().type()
            + " at address "
            + message.target()
            + " failed on an input of class "
            + (message.payload() == null ? "null" : message.payload().getClass().getName())
            + " from "
            + (message.source() == null ? "an ingress router" : message.source())
            + ": "
            + cause,
        cause);
  }
}
