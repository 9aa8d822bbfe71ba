package io.statefun.flink.core.message;

import org.apache.flink.annotation.Internal;

/**
 * Tells protobuf messages apart without needing protobuf-java on the class path: protobuf is an
 * optional dependency, and without it no payload is a protobuf message.
 */
@Internal
public final class ProtobufDetection {
  /** {@code com.google.protobuf.Message} as this library sees it, or null if it is absent. */
  private static final Class<?> MESSAGE = messageClass();

  private ProtobufDetection() {}

  /** Whether {@code payload} is a {@code com.google.protobuf.Message}. */
  public static boolean isMessage(Object payload) {
    return MESSAGE != null && MESSAGE.isInstance(payload);
  }

  /** Whether {@code type} is {@code com.google.protobuf.Message} or one of its subtypes. */
  public static boolean isMessageType(Class<?> type) {
    return MESSAGE != null && MESSAGE.isAssignableFrom(type);
  }

  private static Class<?> messageClass() {
    try {
      return Class.forName(
          "com.google.protobuf.Message", false, ProtobufDetection.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }
}
