package io.statefun.flink.core.message;

import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Payloads that are already bytes: {@code byte[]} only, written with a length prefix. */
final class RawPayloadSerializer implements MessagePayloadSerializer {

  @Override
  public void serialize(Object payload, DataOutputView target) throws IOException {
    if (!(payload instanceof byte[])) {
      throw new IllegalArgumentException(
          "statefun.message.serializer is 'raw', which takes only byte[] payloads, but got "
              + payload.getClass().getName());
    }
    byte[] bytes = (byte[]) payload;
    target.writeInt(bytes.length);
    target.write(bytes);
  }

  @Override
  public Object deserialize(DataInputView source) throws IOException {
    byte[] bytes = new byte[source.readInt()];
    source.readFully(bytes);
    return bytes;
  }

  @Override
  public Object copy(Object payload) {
    return ((byte[]) payload).clone();
  }
}
