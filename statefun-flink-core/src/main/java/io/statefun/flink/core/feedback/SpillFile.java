package io.statefun.flink.core.feedback;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;

/**
 * An append-only temporary file that a checkpoint log moves its records to when memory is short.
 */
final class SpillFile implements AutoCloseable {
  private final File file;
  private final RandomAccessFile raf;
  private long length;

  SpillFile(File directory) throws IOException {
    this.file = File.createTempFile("statefun-feedback-log-", ".spill", directory);
    this.raf = new RandomAccessFile(file, "rw");
  }

  /** Appends {@code bytes[0, len)} and returns the offset it was written at. */
  long append(byte[] bytes, int len) throws IOException {
    long offset = length;
    raf.seek(offset);
    raf.write(bytes, 0, len);
    length += len;
    return offset;
  }

  /** Copies {@code len} bytes from {@code offset} to {@code out}. */
  void copyTo(long offset, long len, OutputStream out, byte[] scratch) throws IOException {
    raf.seek(offset);
    long remaining = len;
    while (remaining > 0) {
      int n = raf.read(scratch, 0, (int) Math.min(scratch.length, remaining));
      if (n < 0) {
        throw new IOException("spill file " + file + " ended early");
      }
      out.write(scratch, 0, n);
      remaining -= n;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      raf.close();
    } finally {
      Files.deleteIfExists(file.toPath());
    }
  }
}
