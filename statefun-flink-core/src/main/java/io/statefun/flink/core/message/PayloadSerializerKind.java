package io.statefun.flink.core.message;

import java.io.Serializable;
import java.util.Objects;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.util.InstantiationUtil;

/**
 * Which {@link MessagePayloadSerializer} the job uses: one of the built-in ones or a custom class.
 * Parsed from {@code statefun.message.serializer}.
 */
@Internal
public final class PayloadSerializerKind implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String KRYO = "kryo";
  public static final String PROTOBUF = "protobuf";
  public static final String RAW = "raw";

  public static final PayloadSerializerKind DEFAULT = new PayloadSerializerKind(KRYO);

  /** {@code kryo}, {@code protobuf}, {@code raw}, or a class name. */
  private final String name;

  private PayloadSerializerKind(String name) {
    this.name = name;
  }

  /**
   * @throws IllegalArgumentException naming the option if the value is neither a built-in kind nor
   *     a loadable class implementing {@link MessagePayloadSerializer}
   */
  public static PayloadSerializerKind parse(String value, ClassLoader classLoader) {
    String trimmed = value == null ? "" : value.trim();
    if (trimmed.equals(KRYO) || trimmed.equals(PROTOBUF) || trimmed.equals(RAW)) {
      if (trimmed.equals(PROTOBUF)) {
        requireProtobuf(classLoader);
      }
      return new PayloadSerializerKind(trimmed);
    }
    Class<?> type;
    try {
      type = Class.forName(trimmed, false, classLoader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalArgumentException(
          "statefun.message.serializer: '"
              + value
              + "' is not one of kryo, protobuf, raw, and no class of that name was found",
          e);
    }
    if (!MessagePayloadSerializer.class.isAssignableFrom(type)) {
      throw new IllegalArgumentException(
          "statefun.message.serializer: class "
              + trimmed
              + " does not implement "
              + MessagePayloadSerializer.class.getName());
    }
    try {
      type.getConstructor();
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(
          "statefun.message.serializer: class " + trimmed + " has no public no-arg constructor", e);
    }
    return new PayloadSerializerKind(trimmed);
  }

  private static void requireProtobuf(ClassLoader classLoader) {
    try {
      Class.forName("com.google.protobuf.Message", false, classLoader);
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException(
          "statefun.message.serializer is 'protobuf' but protobuf-java is not on the classpath", e);
    }
  }

  public String name() {
    return name;
  }

  /** Creates a serializer of this kind. */
  public MessagePayloadSerializer create(SerializerConfig config, ClassLoader classLoader) {
    switch (name) {
      case KRYO:
        return new KryoPayloadSerializer(config);
      case PROTOBUF:
        return new ProtobufPayloadSerializer(classLoader);
      case RAW:
        return new RawPayloadSerializer();
      default:
        try {
          return (MessagePayloadSerializer)
              InstantiationUtil.instantiate(Class.forName(name, true, classLoader));
        } catch (ClassNotFoundException e) {
          throw new IllegalStateException("custom payload serializer " + name + " not found", e);
        }
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PayloadSerializerKind && name.equals(((PayloadSerializerKind) o).name);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(name);
  }

  @Override
  public String toString() {
    return name;
  }
}
