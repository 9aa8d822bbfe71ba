package io.statefun.flink.core.translation;

import io.statefun.flink.core.message.Message;
import io.statefun.sdk.Address;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.java.functions.KeySelector;

/** Keys a message by its target address. */
@Internal
public final class MessageTargetKeySelector implements KeySelector<Message, Address> {
  private static final long serialVersionUID = 1L;

  @Override
  public Address getKey(Message message) {
    return message.target();
  }
}
