package io.statefun.flink.core.message;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Strings as a varint byte length followed by UTF-8, moved in one bulk read or write. Flink's
 * {@code StringValue} codec moves a string a character at a time, which dominated the cost of
 * addresses on the network and in snapshots. An instance keeps a scratch buffer, so it belongs to
 * one thread, like the serializer that owns it.
 */
final class Utf8Codec {
  private byte[] scratch = new byte[64];

  void write(String value, DataOutputView target) throws IOException {
    // For the usual ASCII strings, an intrinsic check and array copy.
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    writeVarInt(utf8.length, target);
    target.write(utf8);
  }

  String read(DataInputView source) throws IOException {
    int length = readVarInt(source);
    byte[] buffer = scratch(length);
    source.readFully(buffer, 0, length);
    return new String(buffer, 0, length, StandardCharsets.UTF_8);
  }

  /**
   * Reads the next length-prefixed block into the scratch buffer.
   *
   * @return its length; the bytes are {@code scratch()[0, length)} until the next call
   */
  int readBlock(DataInputView source) throws IOException {
    int length = readVarInt(source);
    source.readFully(scratch(length), 0, length);
    return length;
  }

  byte[] scratch() {
    return scratch;
  }

  /** Copies one length-prefixed block (a string or a type) as it is. */
  void copy(DataInputView source, DataOutputView target) throws IOException {
    int length = readBlock(source);
    writeVarInt(length, target);
    target.write(scratch, 0, length);
  }

  /** {@code content} behind its varint length: the form {@link #readBlock} reads. */
  static byte[] lengthPrefixed(byte[] content) throws IOException {
    DataOutputSerializer block = new DataOutputSerializer(content.length + 5);
    writeVarInt(content.length, block);
    block.write(content);
    return block.getCopyOfBuffer();
  }

  /** A hash of {@code bytes[0, length)} with its high bits folded in, for small cache tables. */
  static int hash(byte[] bytes, int length) {
    int hash = length;
    for (int i = 0; i < length; i++) {
      hash = 31 * hash + bytes[i];
    }
    return hash ^ (hash >>> 16);
  }

  static void writeVarInt(int value, DataOutputView target) throws IOException {
    while ((value & ~0x7F) != 0) {
      target.writeByte((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    target.writeByte(value);
  }

  static int readVarInt(DataInputView source) throws IOException {
    int value = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      byte b = source.readByte();
      value |= (b & 0x7F) << shift;
      if (b >= 0) {
        if (value < 0) {
          break;
        }
        return value;
      }
    }
    throw new IOException("malformed length prefix: not a non-negative varint");
  }

  private byte[] scratch(int length) {
    if (scratch.length < length) {
      scratch = Arrays.copyOf(scratch, Math.max(length, scratch.length * 2));
    }
    return scratch;
  }
}
