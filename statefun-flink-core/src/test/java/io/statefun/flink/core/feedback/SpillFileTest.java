package io.statefun.flink.core.feedback;

import static io.statefun.flink.core.feedback.LogTestSupport.fileCount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpillFileTest {
  @TempDir File dir;

  private static byte[] bytes(int size, int seed) {
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) (seed * 31 + i * 7);
    }
    return bytes;
  }

  @Test
  void appendsAndCopiesBackRanges() throws IOException {
    byte[] first = bytes(100, 1);
    byte[] second = bytes(70_000, 2);
    byte[] third = bytes(5, 3);
    try (SpillFile spill = new SpillFile(dir)) {
      assertThat(fileCount(dir)).isEqualTo(1);
      assertThat(spill.append(first, 100)).isZero();
      assertThat(spill.append(second, second.length)).isEqualTo(100);
      assertThat(spill.append(third, 3)).as("only len bytes are appended").isEqualTo(70_100);
      assertThat(spill.append(third, 5)).isEqualTo(70_103);

      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] scratch = new byte[1000]; // smaller than the second record
      spill.copyTo(100, second.length, out, scratch);
      assertThat(out.toByteArray()).isEqualTo(second);

      out.reset();
      spill.copyTo(70_100, 3, out, scratch);
      spill.copyTo(0, 100, out, scratch);
      byte[] expected = new byte[103];
      System.arraycopy(third, 0, expected, 0, 3);
      System.arraycopy(first, 0, expected, 3, 100);
      assertThat(out.toByteArray()).isEqualTo(expected);

      out.reset();
      spill.copyTo(70_103, 5, out, scratch);
      assertThat(out.toByteArray()).isEqualTo(third);
    }
    assertThat(fileCount(dir)).as("deleted on close").isZero();
  }

  @Test
  void copyingPastTheEndFails() throws IOException {
    try (SpillFile spill = new SpillFile(dir)) {
      spill.append(bytes(10, 0), 10);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      assertThatThrownBy(() -> spill.copyTo(5, 10, out, new byte[4]))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("ended early");
      assertThat(Arrays.copyOf(out.toByteArray(), 5))
          .isEqualTo(Arrays.copyOfRange(bytes(10, 0), 5, 10));
    }
  }

  @Test
  void eachSpillFileIsItsOwnFile() throws IOException {
    SpillFile a = new SpillFile(dir);
    SpillFile b = new SpillFile(dir);
    assertThat(fileCount(dir)).isEqualTo(2);
    a.close();
    assertThat(fileCount(dir)).isEqualTo(1);
    b.close();
    assertThat(fileCount(dir)).isZero();
  }
}
