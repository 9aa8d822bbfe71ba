package io.statefun.flink.core.functions;

import io.statefun.flink.core.config.FailurePolicies;
import io.statefun.flink.core.config.FailurePolicy;
import io.statefun.flink.core.failure.DeadLetters;
import io.statefun.flink.core.message.Message;
import io.statefun.flink.core.message.UnreadablePayload;
import io.statefun.sdk.io.DeadLetter;
import org.apache.flink.streaming.api.operators.Output;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * Applies the failure policy to a message the operator could not process: rethrows under {@code
 * fail}; under {@code dead-letter} sends a dead letter (or logs it) and lets processing go on.
 */
final class FunctionFailures {
  private final FailurePolicies policies;
  private final DeadLetters deadLetters;
  private final Output<?> output;

  /** Null when no module binds the dead-letter egress. */
  private final OutputTag<Object> deadLetterTag;

  FunctionFailures(
      FailurePolicies policies,
      DeadLetters deadLetters,
      Output<?> output,
      OutputTag<Object> deadLetterTag) {
    this.policies = policies;
    this.deadLetters = deadLetters;
    this.output = output;
    this.deadLetterTag = deadLetterTag;
  }

  /**
   * @throws UnknownFunctionTypeException unless the target type's policy is dead-letter
   */
  void unknownType(Message message, UnknownFunctionTypeException e) {
    if (policies.of(message.target().type()) != FailurePolicy.DEAD_LETTER) {
      throw e;
    }
    deadLetter(DeadLetter.Cause.UNKNOWN_FUNCTION_TYPE, message, e);
  }

  /**
   * The message's payload could not be deserialized: a dead letter with its bytes.
   *
   * @throws PayloadNotReadableException unless the target type's policy is dead-letter
   */
  void unreadable(Message message, UnreadablePayload payload, PayloadNotReadableException e) {
    if (policies.of(message.target().type()) != FailurePolicy.DEAD_LETTER) {
      throw e;
    }
    DeadLetter letter =
        deadLetters.letter(
            DeadLetter.Cause.PAYLOAD_NOT_READABLE,
            message.target(),
            message.source(),
            null,
            payload.bytes(),
            payload.toString(),
            e);
    if (deadLetterTag != null) {
      output.collect(deadLetterTag, new StreamRecord<>(letter));
    }
  }

  /** The invocation threw and its effects are undone: a dead letter for its message. */
  void invocationFailed(Message message, FunctionInvocationException e) {
    DeadLetter.Cause cause =
        e.getCause() instanceof PayloadNotSerializableException
            ? DeadLetter.Cause.PAYLOAD
            : DeadLetter.Cause.FUNCTION;
    deadLetter(cause, message, e);
  }

  private void deadLetter(DeadLetter.Cause cause, Message message, RuntimeException e) {
    DeadLetter letter =
        deadLetters.letter(cause, message.target(), message.source(), null, message.payload(), e);
    if (deadLetterTag != null) {
      output.collect(deadLetterTag, new StreamRecord<>(letter));
    }
  }
}
