package io.statefun.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/** Measured times and counts, printed and appended to {@code target/e2e/figures.txt}. */
final class Figures {
  private final Path file;

  Figures(Path file) {
    this.file = file;
  }

  void record(String what, Duration took) {
    record(what, String.format("%.1f s", took.toMillis() / 1000.0));
  }

  void record(String what, Object value) {
    String line = "E2E " + what + ": " + value;
    System.out.println(line);
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
