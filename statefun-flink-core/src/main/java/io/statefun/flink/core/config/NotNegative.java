package io.statefun.flink.core.config;

import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.IllegalConfigurationException;
import org.apache.flink.configuration.MemorySize;

/**
 * Rejects negative durations and sizes among the statefun options with "must not be negative" and
 * the key, before Flink's parser answers with a message about the number format.
 */
final class NotNegative {
  private NotNegative() {}

  static void check(Map<String, String> settings) {
    for (Field field : StatefulFunctionsOptions.class.getFields()) {
      if (!ConfigOption.class.isAssignableFrom(field.getType())) {
        continue;
      }
      Type type = ((ParameterizedType) field.getGenericType()).getActualTypeArguments()[0];
      if (type != Duration.class && type != MemorySize.class) {
        continue;
      }
      String key = optionOf(field).key();
      String value = settings.get(key);
      if (value != null && value.trim().startsWith("-")) {
        throw new IllegalConfigurationException(
            key + " must not be negative, but is '" + value + "'");
      }
    }
  }

  private static ConfigOption<?> optionOf(Field field) {
    try {
      return (ConfigOption<?>) field.get(null);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot read option " + field.getName(), e);
    }
  }
}
