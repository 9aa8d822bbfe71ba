package io.statefun.flink.core.message;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Protobuf payloads ({@code com.google.protobuf.Message}): the message's class name, then its
 * length-prefixed wire bytes. Parsers are looked up once per class.
 */
final class ProtobufPayloadSerializer implements MessagePayloadSerializer {
  private final ClassLoader classLoader;
  private final Map<String, Parser<?>> parsers = new HashMap<>();

  ProtobufPayloadSerializer(ClassLoader classLoader) {
    this.classLoader = classLoader;
  }

  @Override
  public void serialize(Object payload, DataOutputView target) throws IOException {
    if (!(payload instanceof com.google.protobuf.Message)) {
      throw new IllegalArgumentException(
          "statefun.message.serializer is 'protobuf', which takes only com.google.protobuf.Message"
              + " payloads, but got "
              + payload.getClass().getName());
    }
    serializeMessage((com.google.protobuf.Message) payload, target);
  }

  /** Writes any protobuf message, whatever the configured payload serializer. */
  void serializeMessage(com.google.protobuf.Message message, DataOutputView target)
      throws IOException {
    StringValue.writeString(message.getClass().getName(), target);
    byte[] bytes = message.toByteArray();
    target.writeInt(bytes.length);
    target.write(bytes);
  }

  /**
   * @throws UnreadablePayloadException with the message's bytes, all of them read, if its class
   *     cannot be loaded or the bytes do not parse as that class
   */
  @Override
  public Object deserialize(DataInputView source) throws IOException {
    String className = StringValue.readString(source);
    byte[] bytes = new byte[source.readInt()];
    source.readFully(bytes);
    Parser<?> parser;
    try {
      parser = parserOf(className);
    } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
      throw new UnreadablePayloadException(
          className, bytes, "cannot load the protobuf payload class " + className, e);
    }
    try {
      return parser.parseFrom(bytes);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      throw new UnreadablePayloadException(
          className, bytes, "cannot parse a protobuf payload of class " + className, e);
    }
  }

  @Override
  public Object copy(Object payload) {
    return payload; // protobuf messages are immutable
  }

  @Override
  public MessagePayloadSerializer duplicate() {
    return new ProtobufPayloadSerializer(classLoader);
  }

  private Parser<?> parserOf(String className) throws ReflectiveOperationException {
    Parser<?> parser = parsers.get(className);
    if (parser == null) {
      Class<?> type = Class.forName(className, false, classLoader);
      Object defaultInstance = type.getMethod("getDefaultInstance").invoke(null);
      parser = ((com.google.protobuf.Message) defaultInstance).getParserForType();
      parsers.put(className, parser);
    }
    return parser;
  }
}
