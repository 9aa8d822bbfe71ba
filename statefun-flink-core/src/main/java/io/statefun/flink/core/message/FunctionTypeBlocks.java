package io.statefun.flink.core.message;

import io.statefun.sdk.FunctionType;
import java.io.IOException;
import java.util.Arrays;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * The encoded form of function types, cached both ways. A job has a handful of function types, and
 * a message names two of them (sender and target), so a small direct-mapped table keeps every type
 * of a hot edge: writing a type copies its cached block, reading one compares bytes and returns the
 * decoded instance. A slot collision only costs a re-encode or re-decode. One thread per instance.
 */
final class FunctionTypeBlocks {
  private static final int SLOTS = 16;

  private final Utf8Codec strings;
  private final FunctionType[] writtenTypes = new FunctionType[SLOTS];
  private final byte[][] writtenBlocks = new byte[SLOTS][];
  private final FunctionType[] readTypes = new FunctionType[SLOTS];
  private final byte[][] readContents = new byte[SLOTS][];

  FunctionTypeBlocks(Utf8Codec strings) {
    this.strings = strings;
  }

  /** The type's namespace and name as strings, prefixed with their total length. */
  byte[] blockOf(FunctionType type) throws IOException {
    int slot = type.hashCode() & (SLOTS - 1);
    FunctionType cached = writtenTypes[slot];
    if (cached != type && !type.equals(cached)) {
      writtenBlocks[slot] = encode(type);
      writtenTypes[slot] = type;
    }
    return writtenBlocks[slot];
  }

  /** The type whose block content (without its length prefix) is {@code content[0, length)}. */
  FunctionType typeOf(byte[] content, int length) throws IOException {
    int slot = Utf8Codec.hash(content, length) & (SLOTS - 1);
    byte[] cached = readContents[slot];
    if (cached == null || !Arrays.equals(content, 0, length, cached, 0, cached.length)) {
      byte[] copy = Arrays.copyOf(content, length);
      DataInputDeserializer in = new DataInputDeserializer(copy);
      readTypes[slot] = new FunctionType(strings.read(in), strings.read(in));
      readContents[slot] = copy;
    }
    return readTypes[slot];
  }

  private byte[] encode(FunctionType type) throws IOException {
    DataOutputSerializer content = new DataOutputSerializer(32);
    strings.write(type.namespace(), content);
    strings.write(type.name(), content);
    return Utf8Codec.lengthPrefixed(content.getCopyOfBuffer());
  }
}
