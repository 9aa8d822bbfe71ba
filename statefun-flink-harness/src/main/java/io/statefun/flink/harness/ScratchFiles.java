package io.statefun.flink.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Deletes the directories the harness made for a job. */
final class ScratchFiles {
  private static final int ATTEMPTS = 5;

  private ScratchFiles() {}

  /**
   * Deletes {@code directory} and everything in it; nothing if it is null or gone. Flink may still
   * be discarding checkpoint files in it when the job has just ended, so a failed pass is retried.
   *
   * @throws UncheckedIOException if it still exists after a few passes
   */
  static void delete(Path directory) {
    if (directory == null) {
      return;
    }
    IOException last = null;
    for (int attempt = 0; attempt < ATTEMPTS && Files.exists(directory); attempt++) {
      try {
        deleteOnce(directory);
      } catch (IOException | UncheckedIOException e) {
        last = e instanceof IOException io ? io : ((UncheckedIOException) e).getCause();
        pause();
      }
    }
    if (Files.exists(directory)) {
      throw new UncheckedIOException("cannot delete the harness's directory " + directory, last);
    }
  }

  private static void deleteOnce(Path directory) throws IOException {
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(directory)) {
      paths = walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList());
    }
    for (Path path : paths) {
      Files.deleteIfExists(path);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
