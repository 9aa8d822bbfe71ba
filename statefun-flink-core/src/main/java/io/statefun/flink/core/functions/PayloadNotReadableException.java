package io.statefun.flink.core.functions;

import io.statefun.flink.core.message.Message;
import io.statefun.flink.core.message.UnreadablePayload;
import org.apache.flink.annotation.PublicEvolving;

/**
 * A message arrived (from another subtask, from state or from a checkpoint's feedback log) whose
 * payload could not be deserialized; names the target, the sender and the payload's class. Under
 * the target type's {@code fail} policy it fails the task; under {@code dead-letter} the payload's
 * bytes become a dead letter.
 */
@PublicEvolving
public final class PayloadNotReadableException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  PayloadNotReadableException(Message message, UnreadablePayload payload) {
    super(
        "the message to "
            + message.target()
            + " from "
            + (message.source() == null ? "an ingress router" : message.source())
            + " carries a payload of class "
            + (payload.payloadClass() == null ? "<not recorded>" : payload.payloadClass())
            + " that cannot be read ("
            + payload.bytes().length
            + " bytes written by the "
            + payload.serializer()
            + " payload serializer): "
            + payload.reason());
  }
}
