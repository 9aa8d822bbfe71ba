package io.statefun.flink.core.config;

import io.statefun.flink.core.message.MessageFactoryType;
import org.apache.flink.configuration.IllegalConfigurationException;
import org.apache.flink.configuration.ReadableConfig;

/**
 * Reads {@code statefun.message.serializer}, accepting StateFun 3.3's spellings: its {@link
 * MessageFactoryType} names, and {@code WITH_CUSTOM_PAYLOADS} together with the class in {@code
 * statefun.message.custom-payload-serializer-class}.
 */
final class MessageSerializerSetting {
  private MessageSerializerSetting() {}

  /** The serializer value in this runtime's spelling: kryo, protobuf, raw or a class name. */
  static String of(ReadableConfig flink) {
    String value = flink.get(StatefulFunctionsOptions.MESSAGE_SERIALIZER);
    String customClass =
        flink.get(StatefulFunctionsOptions.MESSAGE_CUSTOM_PAYLOAD_SERIALIZER_CLASS);
    MessageFactoryType alias = MessageFactoryType.byName(value == null ? null : value.trim());
    if (alias == MessageFactoryType.WITH_CUSTOM_PAYLOADS) {
      if (customClass == null || customClass.isBlank()) {
        throw new IllegalConfigurationException(
            StatefulFunctionsOptions.MESSAGE_SERIALIZER.key()
                + ": WITH_CUSTOM_PAYLOADS needs the serializer class in "
                + StatefulFunctionsOptions.MESSAGE_CUSTOM_PAYLOAD_SERIALIZER_CLASS.key()
                + " (or name the class in "
                + StatefulFunctionsOptions.MESSAGE_SERIALIZER.key()
                + " itself)");
      }
      return customClass.trim();
    }
    if (customClass != null) {
      throw new IllegalConfigurationException(
          StatefulFunctionsOptions.MESSAGE_CUSTOM_PAYLOAD_SERIALIZER_CLASS.key()
              + " is set to '"
              + customClass
              + "', but it is read only with "
              + StatefulFunctionsOptions.MESSAGE_SERIALIZER.key()
              + ": WITH_CUSTOM_PAYLOADS (it is '"
              + value
              + "')");
    }
    return alias != null ? alias.serializer() : value;
  }
}
