package io.statefun.flink.datastream;

import io.statefun.flink.core.message.Message;
import io.statefun.flink.core.message.RoutableMessage;
import io.statefun.flink.core.message.RoutableMessageSerializer;
import org.apache.flink.api.common.functions.MapFunction;

/** Turns the program's routable messages into the runtime's messages, chained to their stream. */
final class ToMessage implements MapFunction<RoutableMessage, Message> {
  private static final long serialVersionUID = 1L;

  @Override
  public Message map(RoutableMessage message) {
    return RoutableMessageSerializer.asMessage(message);
  }
}
