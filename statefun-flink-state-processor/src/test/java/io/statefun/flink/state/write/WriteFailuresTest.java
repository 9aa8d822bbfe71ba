package io.statefun.flink.state.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteFailuresTest {
  @TempDir Path directory;

  @Test
  void aRecordedFailureIsRethrownWithItsCausesButWithoutStackFrames() {
    String savepoint = directory.resolve("sp").toUri().toString();
    IllegalStateException failure =
        new IllegalStateException("outer", new IllegalArgumentException("the culprit"));
    WriteFailures.record(new org.apache.flink.core.fs.Path(savepoint), 1, failure);

    assertThatThrownBy(() -> WriteFailures.throwIfAny(savepoint))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("writing savepoint " + savepoint + " failed, so it is incomplete")
        .hasMessageContaining("java.lang.IllegalStateException: outer")
        .hasMessageContaining("Caused by: java.lang.IllegalArgumentException: the culprit")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\tat "));
  }

  @Test
  void aSavepointWithoutFailuresPasses() throws Exception {
    Path savepoint = Files.createDirectories(directory.resolve("ok"));
    Files.writeString(savepoint.resolve("_metadata"), "x");
    assertThatCode(() -> WriteFailures.throwIfAny(savepoint.toUri().toString()))
        .doesNotThrowAnyException();
    assertThatCode(() -> WriteFailures.throwIfAny(directory.resolve("absent").toUri().toString()))
        .doesNotThrowAnyException();
  }
}
