package io.statefun.flink.core.config;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.FallbackKey;
import org.apache.flink.configuration.IllegalConfigurationException;

/**
 * Rejects {@code statefun.*} keys that no option defines, so a misspelt key fails instead of
 * silently leaving its option at the default. The known keys are read from {@link
 * StatefulFunctionsOptions}, so a new option is known as soon as it is declared there.
 */
final class KnownKeys {
  private static final String NAMESPACE = "statefun.";

  /** Keys under these prefixes are free-form: module settings and per-type failure policies. */
  private static final List<String> OPEN_PREFIXES =
      List.of(
          StatefulFunctionsOptions.MODULE_GLOBAL_CONFIG_PREFIX,
          StatefulFunctionsOptions.FAILURE_POLICY_PREFIX);

  /**
   * StateFun 3.3 keys without an equivalent here, with the reason a ported config must drop them.
   */
  private static final Map<String, String> UNSUPPORTED =
      Map.of(
          "statefun.remote.module-name",
              "remote modules (module.yaml) are not supported; bind functions in a Java module",
          "statefun.embedded",
              "there is no separate embedded mode; every module runs embedded, remove the key");

  private final TreeSet<String> keys = new TreeSet<>();

  private KnownKeys() {
    for (Field field : StatefulFunctionsOptions.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers())
          && ConfigOption.class.isAssignableFrom(field.getType())) {
        ConfigOption<?> option = optionOf(field);
        keys.add(option.key());
        for (FallbackKey fallback : option.fallbackKeys()) {
          keys.add(fallback.getKey());
        }
      }
    }
  }

  /**
   * @throws IllegalConfigurationException naming the first unknown {@code statefun.*} key and the
   *     known key nearest to it
   */
  static void check(Map<String, String> settings) {
    KnownKeys known = new KnownKeys();
    for (String key : new TreeSet<>(settings.keySet())) {
      known.checkKey(key);
    }
  }

  private void checkKey(String key) {
    if (!key.startsWith(NAMESPACE) || keys.contains(key)) {
      return;
    }
    for (String prefix : OPEN_PREFIXES) {
      if (key.startsWith(prefix)) {
        return;
      }
    }
    String unsupported = UNSUPPORTED.get(key);
    if (unsupported != null) {
      throw new IllegalConfigurationException(key + " is not supported: " + unsupported);
    }
    throw new IllegalConfigurationException(
        key
            + " is not a statefun option; did you mean "
            + nearest(key)
            + "? (statefun.module.global-config.<key> passes settings to modules)");
  }

  /** The known key with the smallest edit distance to {@code key}. */
  String nearest(String key) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : keys) {
      int distance = EditDistance.between(key, candidate);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
  }

  private static ConfigOption<?> optionOf(Field field) {
    try {
      return (ConfigOption<?>) field.get(null);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot read option " + field.getName(), e);
    }
  }
}
