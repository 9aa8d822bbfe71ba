package io.statefun.sdk.kafka.routable;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The value format of routable Kafka records: self-describing, so one topic can carry payloads of
 * several types and any producer can write it.
 *
 * <pre>
 * byte 0        format version, 1
 * bytes 1..2    length n of the type name, unsigned big-endian
 * bytes 3..3+n  the type name, UTF-8
 * the rest      the payload
 * </pre>
 *
 * Payloads of the type names below are decoded here; any other arrives at the function as a {@link
 * TypedValue}.
 *
 * <ul>
 *   <li>{@value #STRING}: UTF-8 text, delivered as a {@code String}
 *   <li>{@value #LONG}: 8 bytes big-endian, delivered as a {@code Long}
 *   <li>{@value #BYTES}: raw bytes, delivered as a {@code byte[]}
 * </ul>
 */
public final class TypedRecordFormat {
  public static final String STRING = "io.statefun.types/string";
  public static final String LONG = "io.statefun.types/long";
  public static final String BYTES = "io.statefun.types/bytes";

  private static final byte VERSION = 1;
  private static final int MAX_TYPE_NAME_BYTES = 0xFFFF;

  private TypedRecordFormat() {}

  /** A record value carrying {@code payload} under {@code typeName}. */
  public static byte[] encode(String typeName, byte[] payload) {
    byte[] name = typeName.getBytes(StandardCharsets.UTF_8);
    if (name.length == 0 || name.length > MAX_TYPE_NAME_BYTES) {
      throw new IllegalArgumentException(
          "a type name must have 1 to " + MAX_TYPE_NAME_BYTES + " UTF-8 bytes: '" + typeName + "'");
    }
    ByteBuffer out = ByteBuffer.allocate(3 + name.length + payload.length);
    out.put(VERSION).putShort((short) name.length).put(name).put(payload);
    return out.array();
  }

  public static byte[] encodeString(String text) {
    return encode(STRING, text.getBytes(StandardCharsets.UTF_8));
  }

  public static byte[] encodeLong(long value) {
    return encode(LONG, ByteBuffer.allocate(Long.BYTES).putLong(value).array());
  }

  public static byte[] encodeBytes(byte[] bytes) {
    return encode(BYTES, bytes);
  }

  /**
   * The payload of a record value: a {@code String}, {@code Long}, {@code byte[]} or {@link
   * TypedValue}.
   *
   * @throws IllegalArgumentException saying what is wrong if the value is not in this format
   */
  public static Object decode(byte[] value) {
    if (value == null) {
      throw new IllegalArgumentException("the record has no value");
    }
    if (value.length < 3) {
      throw new IllegalArgumentException(
          "the value has " + value.length + " bytes, fewer than a typed record's header");
    }
    if (value[0] != VERSION) {
      throw new IllegalArgumentException(
          "the value starts with byte " + value[0] + ", not the typed record version " + VERSION);
    }
    int nameLength = ((value[1] & 0xFF) << 8) | (value[2] & 0xFF);
    if (nameLength == 0 || 3 + nameLength > value.length) {
      throw new IllegalArgumentException(
          "the type name length "
              + nameLength
              + " does not fit the value's "
              + value.length
              + " bytes");
    }
    String typeName = utf8(Arrays.copyOfRange(value, 3, 3 + nameLength), "type name");
    byte[] payload = Arrays.copyOfRange(value, 3 + nameLength, value.length);
    switch (typeName) {
      case STRING:
        return utf8(payload, "payload of type " + STRING);
      case LONG:
        if (payload.length != Long.BYTES) {
          throw new IllegalArgumentException(
              "a " + LONG + " payload has 8 bytes, not " + payload.length);
        }
        return ByteBuffer.wrap(payload).getLong();
      case BYTES:
        return payload;
      default:
        return new TypedValue(typeName, payload);
    }
  }

  private static String utf8(byte[] bytes, String what) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("the " + what + " is not valid UTF-8", e);
    }
  }
}
