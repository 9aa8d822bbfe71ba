package io.statefun.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * What a Flink cluster expects of an example's application jar: {@code StatefulFunctionsJob} as its
 * main class, the example's module listed for the ServiceLoader, statefun and the Kafka connector
 * inside, and nothing that the cluster's {@code lib/} already provides (Flink itself, logging) nor
 * the local harness. Each example's test names its jar and module.
 */
abstract class ApplicationJarContract {
  private static final Path LIB = Path.of(System.getProperty("flink.lib.dir"));

  private final Path jarFile;
  private final String moduleClass;

  /**
   * @param jarProperty the system property holding the jar's path (set by the build)
   * @param moduleClass the example's {@code StatefulFunctionModule}
   */
  ApplicationJarContract(String jarProperty, String moduleClass) {
    this.jarFile = Path.of(System.getProperty(jarProperty));
    this.moduleClass = moduleClass;
  }

  @Test
  void runsStatefulFunctionsJobWithTheExampleModule() throws IOException {
    try (JarFile jar = new JarFile(jarFile.toFile())) {
      assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
          .isEqualTo("io.statefun.flink.core.StatefulFunctionsJob");
      assertThat(read(jar, "META-INF/services/io.statefun.sdk.spi.StatefulFunctionModule"))
          .contains(moduleClass);
      List<String> expected = new ArrayList<>(expectedClasses());
      expected.addAll(
          List.of(
              "io/statefun/flink/core/StatefulFunctionsJob.class",
              moduleClass.replace('.', '/') + ".class",
              "org/apache/flink/connector/kafka/source/KafkaSource.class",
              "org/apache/kafka/clients/producer/KafkaProducer.class"));
      assertThat(classes(jar))
          .containsAll(expected)
          .noneMatch(name -> name.startsWith("io/statefun/flink/harness/"));
    }
  }

  @Test
  void holdsNoClassTheClusterProvides() throws IOException {
    Set<String> provided = new HashSet<>();
    try (DirectoryStream<Path> jars = Files.newDirectoryStream(LIB, "*.jar")) {
      for (Path lib : jars) {
        try (JarFile jar = new JarFile(lib.toFile())) {
          provided.addAll(classes(jar));
        }
      }
    }
    assertThat(provided).contains("org/apache/flink/runtime/taskexecutor/TaskManagerRunner.class");
    try (JarFile jar = new JarFile(jarFile.toFile())) {
      Set<String> both = classes(jar);
      both.retainAll(provided);
      assertThat(both).as("classes of the application jar that lib/ holds too").isEmpty();
    }
  }

  /** Further classes the example's jar must hold, beyond its module and statefun's job. */
  List<String> expectedClasses() {
    return List.of();
  }

  private static Set<String> classes(JarFile jar) {
    Set<String> names = new HashSet<>();
    jar.stream()
        .map(ZipEntry::getName)
        .filter(name -> name.endsWith(".class") && !name.startsWith("META-INF/"))
        .forEach(names::add);
    return names;
  }

  private static String read(JarFile jar, String entry) throws IOException {
    ZipEntry found = jar.getEntry(entry);
    assertThat(found).as(entry).isNotNull();
    try (InputStream in = jar.getInputStream(found)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
