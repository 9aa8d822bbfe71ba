package io.statefun.flink.core.message;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Payload classes by name, cached both ways: a job sends a handful of payload classes, so a small
 * direct-mapped table turns writing a class into copying its cached name block and reading one into
 * a byte comparison, instead of Kryo's per-message name encoding, decoding and lookup. A slot
 * collision only costs a re-encode or a re-resolve. One thread per instance.
 */
final class PayloadClassNames {
  private static final int SLOTS = 16;

  private final Class<?>[] writtenClasses = new Class<?>[SLOTS];
  private final byte[][] writtenBlocks = new byte[SLOTS][];
  private final Class<?>[] readClasses = new Class<?>[SLOTS];
  private final byte[][] readNames = new byte[SLOTS][];

  /** The class's name as a length-prefixed UTF-8 block. */
  byte[] blockOf(Class<?> type) throws IOException {
    int slot = System.identityHashCode(type) & (SLOTS - 1);
    if (writtenClasses[slot] != type) {
      writtenBlocks[slot] =
          Utf8Codec.lengthPrefixed(type.getName().getBytes(StandardCharsets.UTF_8));
      writtenClasses[slot] = type;
    }
    return writtenBlocks[slot];
  }

  /**
   * The class named by {@code name[0, length)} (a block's content), loaded through {@code loader}.
   *
   * @throws IOException naming the class if it cannot be loaded
   */
  Class<?> classOf(byte[] name, int length, ClassLoader loader) throws IOException {
    int slot = Utf8Codec.hash(name, length) & (SLOTS - 1);
    byte[] cached = readNames[slot];
    if (cached == null || !Arrays.equals(name, 0, length, cached, 0, cached.length)) {
      String className = new String(name, 0, length, StandardCharsets.UTF_8);
      try {
        readClasses[slot] = Class.forName(className, false, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        throw new IOException("payload class " + className + " cannot be loaded", e);
      }
      readNames[slot] = Arrays.copyOf(name, length);
    }
    return readClasses[slot];
  }
}
