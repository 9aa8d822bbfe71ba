package io.statefun.flink.core.functions;

import com.google.protobuf.Type;
import io.statefun.flink.core.message.ProtobufCommands;
import io.statefun.sdk.Address;
import io.statefun.sdk.AsyncOperationResult;
import io.statefun.sdk.Context;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.StatefulFunction;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A function driven by protobuf commands ({@link ProtobufCommands}): it sends, delays or registers
 * as async metadata an "arrived" copy of each command, and records what it receives. Tests reset
 * {@link #RECEIVED} before each.
 */
final class ProtobufFunction implements StatefulFunction {
  static final FunctionType TYPE = new FunctionType("operator-test", "proto");

  /** What each invocation received: the address's id and the input. */
  static final Queue<Received> RECEIVED = new ConcurrentLinkedQueue<>();

  record Received(String self, String caller, Object input) {}

  static Address address(String id) {
    return new Address(TYPE, id);
  }

  /** The copy that a command {@code op} sends on: the same content, op "arrived". */
  static Type arrived(Type command) {
    return command.toBuilder().setName("arrived").build();
  }

  @Override
  public void invoke(Context context, Object input) {
    RECEIVED.add(
        new Received(
            context.self().id(), context.caller() == null ? null : context.caller().id(), input));
    if (!(input instanceof Type command)) {
      if (!(input instanceof AsyncOperationResult)) {
        throw new IllegalArgumentException("not a command: " + input);
      }
      return;
    }
    Address target = address(ProtobufCommands.arg(command));
    switch (ProtobufCommands.op(command)) {
      case "send" -> context.send(target, arrived(command));
      case "after" -> context.sendAfter(Duration.ofSeconds(1), target, arrived(command));
      case "async" -> context.registerAsyncOperation(arrived(command), new CompletableFuture<>());
      case "arrived" -> {}
      default -> throw new IllegalArgumentException("unknown command " + command.getName());
    }
  }
}
