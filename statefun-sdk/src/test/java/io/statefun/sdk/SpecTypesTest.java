package io.statefun.sdk;

import static io.statefun.sdk.SerializationRoundTrip.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SpecTypesTest {

  @Test
  void ingressTypesWithEqualPartsAreEqual() {
    IngressType type = new IngressType("com.example.io", "source");

    assertThat(type.namespace()).isEqualTo("com.example.io");
    assertThat(type.type()).isEqualTo("source");
    assertThat(type)
        .isEqualTo(new IngressType(new String("com.example.io"), new String("source")))
        .hasSameHashCodeAs(new IngressType("com.example.io", "source"))
        .isNotEqualTo(new IngressType("com.example.io", "sink"))
        .isNotEqualTo(new IngressType("source", "com.example.io"))
        .isNotEqualTo(new EgressType("com.example.io", "source"))
        .hasToString("com.example.io/source");
    assertThat(roundTrip(type)).isEqualTo(type);
  }

  @Test
  void egressTypesWithEqualPartsAreEqual() {
    EgressType type = new EgressType("com.example.io", "sink");

    assertThat(type.namespace()).isEqualTo("com.example.io");
    assertThat(type.type()).isEqualTo("sink");
    assertThat(type)
        .isEqualTo(new EgressType("com.example.io", "sink"))
        .hasSameHashCodeAs(new EgressType("com.example.io", "sink"))
        .isNotEqualTo(new EgressType("com.example", "sink"))
        .hasToString("com.example.io/sink");
    assertThat(roundTrip(type)).isEqualTo(type);
  }

  @Test
  void emptyOrNullPartsAreRejectedNamingThePart() {
    assertThatThrownBy(() -> new IngressType("", "source"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("IngressType namespace must not be empty");
    assertThatThrownBy(() -> new IngressType("ns", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("IngressType type must not be null");
    assertThatThrownBy(() -> new EgressType(null, "sink"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("EgressType namespace must not be null");
  }
}
