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
    com.google.protobuf.Message message = (com.google.protobuf.Message) payload;
    StringValue.writeString(payload.getClass().getName(), target);
    byte[] bytes = message.toByteArray();
    target.writeInt(bytes.length);
    target.write(bytes);
  }

  @Override
  public Object deserialize(DataInputView source) throws IOException {
    String className = StringValue.readString(source);
    byte[] bytes = new byte[source.readInt()];
    source.readFully(bytes);
    try {
      return parserOf(className).parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new IOException("cannot parse a protobuf payload of class " + className, e);
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

  private Parser<?> parserOf(String className) throws IOException {
    Parser<?> parser = parsers.get(className);
    if (parser == null) {
      try {
        Class<?> type = Class.forName(className, false, classLoader);
        Object defaultInstance = type.getMethod("getDefaultInstance").invoke(null);
        parser = ((com.google.protobuf.Message) defaultInstance).getParserForType();
      } catch (ReflectiveOperationException e) {
        throw new IOException("cannot load the protobuf payload class " + className, e);
      }
      parsers.put(className, parser);
    }
    return parser;
  }
}
