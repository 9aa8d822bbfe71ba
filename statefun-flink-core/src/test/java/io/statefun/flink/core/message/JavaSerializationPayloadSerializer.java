package io.statefun.flink.core.message;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.util.InstantiationUtil;

/**
 * A custom {@link MessagePayloadSerializer} for the tests: plain Java serialization, so it throws
 * {@link java.io.NotSerializableException} for payloads that are not {@link java.io.Serializable}.
 */
public final class JavaSerializationPayloadSerializer implements MessagePayloadSerializer {

  @Override
  public void serialize(Object payload, DataOutputView target) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(payload);
    }
    byte[] written = bytes.toByteArray();
    target.writeInt(written.length);
    target.write(written);
  }

  @Override
  public Object deserialize(DataInputView source) throws IOException {
    byte[] bytes = new byte[source.readInt()];
    source.readFully(bytes);
    try (ObjectInputStream in =
        new InstantiationUtil.ClassLoaderObjectInputStream(
            new ByteArrayInputStream(bytes),
            JavaSerializationPayloadSerializer.class.getClassLoader())) {
      return in.readObject();
    } catch (ClassNotFoundException e) {
      // All of the payload's bytes are read: the message can still arrive, as unreadable.
      throw new UnreadablePayloadException(null, bytes, "class not found: " + e.getMessage(), e);
    }
  }

  @Override
  public Object copy(Object payload) {
    try {
      return InstantiationUtil.clone((java.io.Serializable) payload);
    } catch (IOException | ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public MessagePayloadSerializer duplicate() {
    return new JavaSerializationPayloadSerializer();
  }

  /** Has a constructor, but not a no-argument one. */
  public static final class WithoutNoArgConstructor implements MessagePayloadSerializer {
    public WithoutNoArgConstructor(String unused) {}

    @Override
    public void serialize(Object payload, DataOutputView target) {}

    @Override
    public Object deserialize(DataInputView source) {
      return null;
    }

    @Override
    public Object copy(Object payload) {
      return payload;
    }
  }

  /** Not a serializer at all. */
  public static final class NotASerializer {}
}
