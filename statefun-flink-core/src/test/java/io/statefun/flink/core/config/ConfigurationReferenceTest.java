package io.statefun.flink.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.flink.configuration.ConfigOption;
import org.junit.jupiter.api.Test;

/**
 * Keeps the docs' configuration reference equal to the options in the code. After changing an
 * option, rewrite the page's reference with
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
    String expected = ConfigurationReference.replaceReference(page, PAGE.toString());
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
  void everyOptionIsASectionWithItsKeyTypeAndDefault() {
    String reference = ConfigurationReference.reference();
    assertThat(reference)
        .contains("### `statefun.local.max-batch`\n\nType: int · default: `4096`\n")
        .contains("### `statefun.feedback.memory.size`\n\nType: memory size · default: `32 mb`\n")
        .contains("### `statefun.network.buffer-timeout`\n\nType: duration · default: `1 ms`\n")
        .contains("### `statefun.message.serializer`\n\nType: string · default: `kryo`\n");
    long sections = reference.lines().filter(line -> line.startsWith("### `statefun.")).count();
    assertThat(sections).isEqualTo(optionCount());
  }

  @Test
  void aPageWithoutTheGeneratedSectionIsRejectedByName() {
    assertThatThrownBy(() -> ConfigurationReference.replaceReference("# no markers", "some.md"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("some.md")
        .hasMessageContaining(ConfigurationReference.BEGIN);
  }

  private static long optionCount() {
    return Arrays.stream(StatefulFunctionsOptions.class.getFields())
        .filter(field -> field.getType() == ConfigOption.class)
        .count();
  }
}
