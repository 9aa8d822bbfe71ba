package io.statefun.flink.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageFactoryTypeTest {

  @Test
  void eachStateFunNameStandsForOneOfThisRuntimesSerializers() {
    assertThat(MessageFactoryType.WITH_KRYO_PAYLOADS.serializer()).isEqualTo("kryo");
    assertThat(MessageFactoryType.WITH_PROTOBUF_PAYLOADS.serializer()).isEqualTo("protobuf");
    assertThat(MessageFactoryType.WITH_RAW_PAYLOADS.serializer()).isEqualTo("raw");
    assertThat(MessageFactoryType.WITH_CUSTOM_PAYLOADS.serializer()).isNull();
  }

  @Test
  void byNameFindsOnlyExactNames() {
    assertThat(MessageFactoryType.byName("WITH_RAW_PAYLOADS"))
        .isEqualTo(MessageFactoryType.WITH_RAW_PAYLOADS);
    assertThat(MessageFactoryType.byName("with_raw_payloads")).isNull();
    assertThat(MessageFactoryType.byName("kryo")).isNull();
    assertThat(MessageFactoryType.byName(null)).isNull();
  }
}
