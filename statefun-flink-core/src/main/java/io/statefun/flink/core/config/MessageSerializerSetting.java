package io.statefun.flink.core.config;

import io.statefun.flink.core.message.PayloadSerializerKind;
import org.apache.flink.configuration.IllegalConfigurationException;
import org.apache.flink.configuration.ReadableConfig;

/**
 * Reads {@code statefun.message.serializer}, accepting StateFun 3.3's values as aliases so a ported
 * configuration keeps its meaning: {@code WITH_KRYO_PAYLOADS}, {@code WITH_PROTOBUF_PAYLOADS},
 * {@code WITH_RAW_PAYLOADS}, and {@code WITH_CUSTOM_PAYLOADS} together with {@code
 * statefun.message.custom-payload-serializer-class}.
 */
final class MessageSerializerSetting {
  static final String WITH_KRYO_PAYLOADS = "WITH_KRYO_PAYLOADS";
  static final String WITH_PROTOBUF_PAYLOADS = "WITH_PROTOBUF_PAYLOADS";
  static final String WITH_RAW_PAYLOADS = "WITH_RAW_PAYLOADS";
  static final String WITH_CUSTOM_PAYLOADS = "WITH_CUSTOM_PAYLOADS";

  private MessageSerializerSetting() {}

  /** The serializer kind's name: kryo, protobuf, raw or a class name. */
  static String resolve(ReadableConfig flink) {
    String value = flink.get(StatefulFunctionsOptions.MESSAGE_SERIALIZER).trim();
    String customClass =
        flink.getOptional(StatefulFunctionsOptions.CUSTOM_PAYLOAD_SERIALIZER_CLASS).orElse(null);
    String serializerKey = StatefulFunctionsOptions.MESSAGE_SERIALIZER.key();
    String classKey = StatefulFunctionsOptions.CUSTOM_PAYLOAD_SERIALIZER_CLASS.key();
    if (value.equals(WITH_CUSTOM_PAYLOADS)) {
      if (customClass == null || customClass.isBlank()) {
        throw new IllegalConfigurationException(
            serializerKey + " is " + WITH_CUSTOM_PAYLOADS + " but " + classKey + " is not set");
      }
      return customClass.trim();
    }
    if (customClass != null) {
      throw new IllegalConfigurationException(
          classKey
              + " is set but "
              + serializerKey
              + " is '"
              + value
              + "': the class is used only with "
              + WITH_CUSTOM_PAYLOADS
              + " (or give the class name as "
              + serializerKey
              + ")");
    }
    switch (value) {
      case WITH_KRYO_PAYLOADS:
        return PayloadSerializerKind.KRYO;
      case WITH_PROTOBUF_PAYLOADS:
        return PayloadSerializerKind.PROTOBUF;
      case WITH_RAW_PAYLOADS:
        return PayloadSerializerKind.RAW;
      default:
        return value;
    }
  }
}
