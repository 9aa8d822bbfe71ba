package io.statefun.sdk.io;

import static io.statefun.sdk.SerializationRoundTrip.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EgressIdentifierTest {

  @Test
  void exposesItsParts() {
    EgressIdentifier<String> id = new EgressIdentifier<>("com.example", "out", String.class);

    assertThat(id.namespace()).isEqualTo("com.example");
    assertThat(id.name()).isEqualTo("out");
    assertThat(id.consumedType()).isEqualTo(String.class);
  }

  @Test
  void identifiersWithEqualPartsAreEqual() {
    assertThat(new EgressIdentifier<>("com.example", "out", String.class))
        .isEqualTo(new EgressIdentifier<>(new String("com.example"), "out", String.class))
        .hasSameHashCodeAs(new EgressIdentifier<>("com.example", "out", String.class));
  }

  @Test
  void identifiersDifferingInAnyPartAreNotEqual() {
    EgressIdentifier<String> id = new EgressIdentifier<>("com.example", "out", String.class);

    assertThat(id)
        .isNotEqualTo(new EgressIdentifier<>("com.other", "out", String.class))
        .isNotEqualTo(new EgressIdentifier<>("com.example", "other", String.class))
        .isNotEqualTo(new EgressIdentifier<>("com.example", "out", Integer.class))
        .isNotEqualTo(new IngressIdentifier<>(String.class, "com.example", "out"))
        .isNotEqualTo(null);
  }

  @Test
  void hashCodeIsAPureFunctionOfTheStringsAndTheTypeName() {
    // Objects.hash("com.example", "out", "java.lang.String"), identical in every JVM.
    assertThat(new EgressIdentifier<>("com.example", "out", String.class).hashCode())
        .isEqualTo(551414771);
  }

  @Test
  void toStringIsNamespaceSlashName() {
    assertThat(new EgressIdentifier<>("com.example", "out", String.class))
        .hasToString("com.example/out");
  }

  @Test
  void rejectsNullOrEmptyNamespace() {
    assertThatThrownBy(() -> new EgressIdentifier<>(null, "out", String.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("EgressIdentifier namespace");
    assertThatThrownBy(() -> new EgressIdentifier<>("", "out", String.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("EgressIdentifier namespace");
  }

  @Test
  void rejectsNullOrEmptyName() {
    assertThatThrownBy(() -> new EgressIdentifier<>("com.example", null, String.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("EgressIdentifier name");
    assertThatThrownBy(() -> new EgressIdentifier<>("com.example", "", String.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("EgressIdentifier name");
  }

  @Test
  void rejectsNullConsumedType() {
    assertThatThrownBy(() -> new EgressIdentifier<>("com.example", "out", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("EgressIdentifier consumedType");
  }

  @Test
  void survivesJavaSerialization() {
    EgressIdentifier<String> id = new EgressIdentifier<>("com.example", "out", String.class);

    EgressIdentifier<String> copy = roundTrip(id);

    assertThat(copy).isNotSameAs(id).isEqualTo(id).hasSameHashCodeAs(id);
    assertThat(copy.consumedType()).isEqualTo(String.class);
  }
}
