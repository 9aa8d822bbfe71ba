package io.statefun.flink.core.message;

import java.io.IOException;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Serializes message payloads (and other user objects the runtime stores, such as async operation
 * metadata). Selected with {@code statefun.message.serializer}: {@code kryo}, {@code protobuf},
 * {@code raw}, or the name of a class implementing this interface with a public no-argument
 * constructor.
 *
 * <p>An instance is used by one thread at a time; {@link #duplicate()} is called to get an instance
 * for another thread.
 */
@PublicEvolving
public interface MessagePayloadSerializer {

  void serialize(Object payload, DataOutputView target) throws IOException;

  Object deserialize(DataInputView source) throws IOException;

  /** A copy that the receiver may own; immutable payloads may be returned as they are. */
  Object copy(Object payload);

  /** An instance safe to use from another thread; stateless serializers return {@code this}. */
  default MessagePayloadSerializer duplicate() {
    return this;
  }
}
