package io.statefun.flink.core.functions;

import io.statefun.flink.core.message.Message;
import io.statefun.sdk.FunctionType;
import org.apache.flink.annotation.PublicEvolving;

/** A message was sent to a function type that no module binds. */
@PublicEvolving
public final class UnknownFunctionTypeException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  UnknownFunctionTypeException(FunctionType type, Message message, String boundTypes) {
    super(
        "no function provider is bound for function type "
            + type
            + " (message to "
            + message.target()
            + " from "
            + (message.source() == null ? "an ingress router" : message.source())
            + "); bound types: "
            + boundTypes);
  }
}
