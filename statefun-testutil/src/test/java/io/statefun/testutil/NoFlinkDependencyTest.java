package io.statefun.testutil;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The test kit runs functions without Flink; it must not reference Flink. */
class NoFlinkDependencyTest {
  /** How a class file's constant pool names Flink's packages. */
  private static final String FLINK = "org/apache/flink";

  @Test
  void noSdkClassReferencesFlink() throws IOException, URISyntaxException {
    Path classes =
        Path.of(
            FunctionTestHarness.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertThat(classes).as("the kit's compiled classes directory").isDirectory();

    List<Path> classFiles;
    try (Stream<Path> files = Files.walk(classes)) {
      classFiles = files.filter(f -> f.toString().endsWith(".class")).collect(Collectors.toList());
    }
    List<String> offenders =
        classFiles.stream()
            .filter(NoFlinkDependencyTest::mentionsFlink)
            .map(f -> classes.relativize(f).toString())
            .sorted()
            .collect(Collectors.toList());

    assertThat(classFiles).as("class files scanned in %s", classes).hasSizeGreaterThanOrEqualTo(10);
    assertThat(offenders).as("kit classes that reference %s", FLINK).isEmpty();
  }

  private static boolean mentionsFlink(Path classFile) {
    try {
      return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1).contains(FLINK);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
