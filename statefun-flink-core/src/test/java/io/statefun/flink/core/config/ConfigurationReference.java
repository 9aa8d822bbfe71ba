package io.statefun.flink.core.config;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.FallbackKey;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.description.HtmlFormatter;
import org.apache.flink.util.TimeUtils;

/**
 * Renders the {@code statefun.*} options of {@link StatefulFunctionsOptions} as the Markdown
 * reference of the docs' configuration page, so the page says what the code does. {@link
 * ConfigurationReferenceTest} keeps the checked-in page equal to this rendering.
 */
final class ConfigurationReference {
  /** The generated table sits between these two lines of the page. */
  static final String BEGIN = "<!-- generated from StatefulFunctionsOptions: begin -->";

  static final String END = "<!-- generated from StatefulFunctionsOptions: end -->";

  private ConfigurationReference() {}

  /**
   * The reference, one section per option, ordered by key: a heading with the key (so every option
   * has an anchor), its type and default, and its description.
   */
  static String reference() {
    StringBuilder out = new StringBuilder();
    for (Field field : optionFields()) {
      ConfigOption<?> option = optionOf(field);
      out.append("\n### `").append(option.key()).append("`\n\n");
      out.append("Type: ").append(typeName(field)).append(" · default: ");
      out.append(option.hasDefaultValue() ? "`" + format(option.defaultValue()) + "`" : "none");
      out.append("\n\n").append(oneLine(description(option))).append("\n");
    }
    return out.toString();
  }

  /**
   * {@code page} with the text between {@link #BEGIN} and {@link #END} replaced by the reference.
   */
  static String replaceReference(String page, String pageName) {
    int begin = page.indexOf(BEGIN);
    int end = page.indexOf(END);
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException(
          pageName + " has no generated section: expected the lines " + BEGIN + " and " + END);
    }
    return page.substring(0, begin + BEGIN.length())
        + "\n"
        + reference()
        + "\n"
        + page.substring(end);
  }

  private static List<Field> optionFields() {
    List<Field> fields = new ArrayList<>();
    for (Field field : StatefulFunctionsOptions.class.getDeclaredFields()) {
      int modifiers = field.getModifiers();
      if (Modifier.isPublic(modifiers)
          && Modifier.isStatic(modifiers)
          && ConfigOption.class.isAssignableFrom(field.getType())) {
        fields.add(field);
      }
    }
    fields.sort(Comparator.comparing(field -> optionOf(field).key()));
    return fields;
  }

  private static ConfigOption<?> optionOf(Field field) {
    try {
      return (ConfigOption<?>) field.get(null);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot read option " + field.getName(), e);
    }
  }

  /** The option's value type, from the field's declared {@code ConfigOption<T>}. */
  private static String typeName(Field field) {
    Type type = ((ParameterizedType) field.getGenericType()).getActualTypeArguments()[0];
    if (type == String.class) {
      return "string";
    } else if (type == Integer.class) {
      return "int";
    } else if (type == Long.class) {
      return "long";
    } else if (type == Boolean.class) {
      return "boolean";
    } else if (type == Double.class) {
      return "double";
    } else if (type == Duration.class) {
      return "duration";
    } else if (type == MemorySize.class) {
      return "memory size";
    } else if (type instanceof Class<?> c && c.isEnum()) {
      List<String> names = new ArrayList<>();
      for (Object constant : c.getEnumConstants()) {
        names.add("`" + constant + "`");
      }
      return "one of " + String.join(", ", names);
    }
    return type.getTypeName();
  }

  private static String format(Object value) {
    if (value instanceof Duration duration) {
      return TimeUtils.formatWithHighestUnit(duration);
    }
    return String.valueOf(value);
  }

  private static String description(ConfigOption<?> option) {
    String text = new HtmlFormatter().format(option.description());
    List<String> aliases = new ArrayList<>();
    for (FallbackKey key : option.fallbackKeys()) {
      aliases.add("`" + key.getKey() + "`");
    }
    return aliases.isEmpty()
        ? text
        : text + " Also accepted as " + String.join(", ", aliases) + ".";
  }

  /** One paragraph of Markdown. */
  private static String oneLine(String text) {
    return text.replace("\r", "").replace("\n", " ");
  }
}
