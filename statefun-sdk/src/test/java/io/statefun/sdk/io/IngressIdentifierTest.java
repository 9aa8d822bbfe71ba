package io.statefun.sdk.io;

import static io.statefun.sdk.SerializationRoundTrip.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IngressIdentifierTest {

  @Test
  void exposesItsParts() {
    IngressIdentifier<String> id = new IngressIdentifier<>(String.class, "com.example", "in");

    assertThat(id.producedType()).isEqualTo(String.class);
    assertThat(id.namespace()).isEqualTo("com.example");
    assertThat(id.name()).isEqualTo("in");
  }

  @Test
  void identifiersWithEqualPartsAreEqual() {
    assertThat(new IngressIdentifier<>(String.class, "com.example", "in"))
        .isEqualTo(new IngressIdentifier<>(String.class, new String("com.example"), "in"))
        .hasSameHashCodeAs(new IngressIdentifier<>(String.class, "com.example", "in"));
  }

  @Test
  void identifiersDifferingInAnyPartAreNotEqual() {
    IngressIdentifier<String> id = new IngressIdentifier<>(String.class, "com.example", "in");

    assertThat(id)
        .isNotEqualTo(new IngressIdentifier<>(Integer.class, "com.example", "in"))
        .isNotEqualTo(new IngressIdentifier<>(String.class, "com.other", "in"))
        .isNotEqualTo(new IngressIdentifier<>(String.class, "com.example", "other"))
        .isNotEqualTo(new EgressIdentifier<>("com.example", "in", String.class))
        .isNotEqualTo(null);
  }

  @Test
  void hashCodeIsAPureFunctionOfTheStringsAndTheTypeName() {
    // Objects.hash("com.example", "in", "java.lang.String"), identical in every JVM.
    assertThat(new IngressIdentifier<>(String.class, "com.example", "in").hashCode())
        .isEqualTo(548096252);
  }

  @Test
  void toStringIsNamespaceSlashName() {
    assertThat(new IngressIdentifier<>(String.class, "com.example", "in"))
        .hasToString("com.example/in");
  }

  @Test
  void rejectsNullProducedType() {
    assertThatThrownBy(() -> new IngressIdentifier<>(null, "com.example", "in"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("IngressIdentifier producedType");
  }

  @Test
  void rejectsNullOrEmptyNamespace() {
    assertThatThrownBy(() -> new IngressIdentifier<>(String.class, null, "in"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("IngressIdentifier namespace");
    assertThatThrownBy(() -> new IngressIdentifier<>(String.class, "", "in"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("IngressIdentifier namespace");
  }

  @Test
  void rejectsNullOrEmptyName() {
    assertThatThrownBy(() -> new IngressIdentifier<>(String.class, "com.example", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("IngressIdentifier name");
    assertThatThrownBy(() -> new IngressIdentifier<>(String.class, "com.example", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("IngressIdentifier name");
  }

  @Test
  void survivesJavaSerialization() {
    IngressIdentifier<String> id = new IngressIdentifier<>(String.class, "com.example", "in");

    IngressIdentifier<String> copy = roundTrip(id);

    assertThat(copy).isNotSameAs(id).isEqualTo(id).hasSameHashCodeAs(id);
    assertThat(copy.producedType()).isEqualTo(String.class);
  }
}
