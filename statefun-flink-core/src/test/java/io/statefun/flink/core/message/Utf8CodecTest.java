package io.statefun.flink.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class Utf8CodecTest {
  private static final List<String> STRINGS =
      List.of(
          "7",
          "user-42",
          "x".repeat(100),
          "short again",
          "ascii until the very last character: é",
          "é at the start",
          "日本語",
          "a surrogate pair \uD83D\uDE00 in the middle",
          "\u007F is the last ASCII character",
          "y".repeat(1024),
          "z".repeat(1025),
          "z".repeat(70_000));

  @Test
  void writesEveryStringAsItsLengthThenItsUtf8Bytes() throws IOException {
    Utf8Codec codec = new Utf8Codec();
    for (String value : STRINGS) {
      DataOutputSerializer written = new DataOutputSerializer(16);
      codec.write(value, written);

      byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
      DataOutputSerializer expected = new DataOutputSerializer(16);
      Utf8Codec.writeVarInt(utf8.length, expected);
      expected.write(utf8);
      assertThat(written.getCopyOfBuffer()).as(value).isEqualTo(expected.getCopyOfBuffer());
    }
  }

  @Test
  void readsBackWhatOneInstanceWroteInSequence() throws IOException {
    Utf8Codec codec = new Utf8Codec();
    DataOutputSerializer out = new DataOutputSerializer(16);
    for (String value : STRINGS) {
      codec.write(value, out);
    }
    DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
    for (String value : STRINGS) {
      assertThat(codec.read(in)).isEqualTo(value);
    }
    assertThat(in.available()).isZero();
  }
}
