package io.statefun.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The greeter's application jar is what a Flink cluster expects: {@code StatefulFunctionsJob} as
 * its main class, the module listed for the ServiceLoader, statefun and the Kafka connector inside,
 * and nothing that the cluster's {@code lib/} already provides (Flink itself, logging) nor the
 * local harness.
 */
class GreeterApplicationJarTest {
  private static final Path JAR = Path.of(System.getProperty("greeter.app.jar"));
  private static final Path LIB = Path.of(System.getProperty("flink.lib.dir"));

  @Test
  void runsStatefulFunctionsJobWithTheGreeterModule() throws IOException {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
          .isEqualTo("io.statefun.flink.core.StatefulFunctionsJob");
      assertThat(read(jar, "META-INF/services/io.statefun.sdk.spi.StatefulFunctionModule"))
          .contains("io.statefun.examples.greeter.GreeterModule");
      assertThat(classes(jar))
          .contains(
              "io/statefun/flink/core/StatefulFunctionsJob.class",
              "io/statefun/examples/greeter/GreeterModule.class",
              "org/apache/flink/connector/kafka/source/KafkaSource.class",
              "org/apache/kafka/clients/producer/KafkaProducer.class")
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
    try (JarFile jar = new JarFile(JAR.toFile())) {
      Set<String> both = classes(jar);
      both.retainAll(provided);
      assertThat(both).as("classes of the application jar that lib/ holds too").isEmpty();
    }
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
