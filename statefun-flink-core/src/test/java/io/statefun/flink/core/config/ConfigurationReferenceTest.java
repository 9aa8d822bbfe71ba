package io.statefun.flink.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Keeps the docs' configuration reference equal to the options in the code. After changing an
 * option, rewrite the page's table with
 *
 * <pre>
 * mvn -B -o -pl statefun-flink-core -am test -Dtest=ConfigurationReferenceTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dstatefun.docs.write=true
 * </pre>
 */
class ConfigurationReferenceTest {
  /** Surefire runs in the module's folder; the page is in the sibling docs module. */
  private static final Path PAGE = Path.of("..", "statefun-docs", "configuration.md");

  @Test
  void theCheckedInReferenceListsTheOptionsAsTheCodeDefinesThem() throws IOException {
    String page = Files.readString(PAGE, StandardCharsets.UTF_8);
    String expected = ConfigurationReference.replaceTable(page, PAGE.toString());
    if (Boolean.getBoolean("statefun.docs.write")) {
      Files.writeString(PAGE, expected, StandardCharsets.UTF_8);
      page = Files.readString(PAGE, StandardCharsets.UTF_8);
    }
    assertThat(page)
        .as(
            "%s differs from StatefulFunctionsOptions; rewrite it with -Dstatefun.docs.write=true"
                + " (see this test's comment)",
            PAGE)
        .isEqualTo(expected);
  }

  @Test
  void everyOptionIsARowWithItsKeyTypeAndDefault() {
    String table = ConfigurationReference.table();
    assertThat(table)
        .contains("| `statefun.local.max-batch` | int | `4096` |")
        .contains("| `statefun.feedback.memory.size` | memory size | `32 mb` |")
        .contains("| `statefun.network.buffer-timeout` | duration | `1 ms` |")
        .contains("| `statefun.message.serializer` | string | `kryo` |");
    long rows = table.lines().filter(line -> line.startsWith("| `statefun.")).count();
    assertThat(rows).isEqualTo(optionCount());
  }

  @Test
  void aPageWithoutTheGeneratedSectionIsRejectedByName() {
    assertThatThrownBy(() -> ConfigurationReference.replaceTable("# no markers", "some.md"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("some.md")
        .hasMessageContaining(ConfigurationReference.BEGIN);
  }

  private static long optionCount() {
    return java.util.Arrays.stream(StatefulFunctionsOptions.class.getFields())
        .filter(f -> f.getType() == org.apache.flink.configuration.ConfigOption.class)
        .count();
  }
}
