package io.statefun.flink.core.message;

/**
 * StateFun 3.3's names for the payload serializers, accepted wherever {@code
 * statefun.message.serializer} is read. Each maps to one of this runtime's serializers.
 */
public enum MessageFactoryType {
  WITH_KRYO_PAYLOADS(PayloadSerializerKind.KRYO),
  WITH_PROTOBUF_PAYLOADS(PayloadSerializerKind.PROTOBUF),
  WITH_RAW_PAYLOADS(PayloadSerializerKind.RAW),
  /** The class named by {@code statefun.message.custom-payload-serializer-class}. */
  WITH_CUSTOM_PAYLOADS(null);

  private final String serializer;

  MessageFactoryType(String serializer) {
    this.serializer = serializer;
  }

  /** The {@code statefun.message.serializer} value it stands for; null for a custom class. */
  public String serializer() {
    return serializer;
  }

  /** The constant named {@code value}, or null if {@code value} is no constant's name. */
  public static MessageFactoryType byName(String value) {
    for (MessageFactoryType type : values()) {
      if (type.name().equals(value)) {
        return type;
      }
    }
    return null;
  }
}
