package io.statefun.sdk;

import static io.statefun.sdk.SerializationRoundTrip.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FunctionTypeTest {

  @Test
  void exposesNamespaceAndName() {
    FunctionType type = new FunctionType("com.example", "greeter");

    assertThat(type.namespace()).isEqualTo("com.example");
    assertThat(type.name()).isEqualTo("greeter");
  }

  @Test
  void typesWithEqualStringsAreEqual() {
    assertThat(new FunctionType("com.example", "greeter"))
        .isEqualTo(new FunctionType(new String("com.example"), new String("greeter")))
        .hasSameHashCodeAs(new FunctionType("com.example", "greeter"));
  }

  @Test
  void typesDifferingInNamespaceOrNameAreNotEqual() {
    FunctionType type = new FunctionType("com.example", "greeter");

    assertThat(type)
        .isNotEqualTo(new FunctionType("com.other", "greeter"))
        .isNotEqualTo(new FunctionType("com.example", "counter"))
        .isNotEqualTo(new FunctionType("greeter", "com.example"))
        .isNotEqualTo("com.example/greeter")
        .isNotEqualTo(null);
  }

  @Test
  void hashCodeIsAPureFunctionOfTheStrings() {
    // 31 * "a".hashCode() + "b".hashCode(), identical in every JVM.
    assertThat(new FunctionType("a", "b").hashCode()).isEqualTo(3105);
    assertThat(new FunctionType("com.example", "greeter").hashCode()).isEqualTo(-1261180135);
  }

  @Test
  void toStringIsNamespaceSlashName() {
    assertThat(new FunctionType("com.example", "greeter")).hasToString("com.example/greeter");
  }

  @Test
  void rejectsNullOrEmptyNamespace() {
    assertThatThrownBy(() -> new FunctionType(null, "greeter"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("FunctionType namespace");
    assertThatThrownBy(() -> new FunctionType("", "greeter"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("FunctionType namespace");
  }

  @Test
  void rejectsNullOrEmptyName() {
    assertThatThrownBy(() -> new FunctionType("com.example", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("FunctionType name");
    assertThatThrownBy(() -> new FunctionType("com.example", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("FunctionType name");
  }

  @Test
  void survivesJavaSerialization() {
    FunctionType type = new FunctionType("com.example", "greeter");

    FunctionType copy = roundTrip(type);

    assertThat(copy).isNotSameAs(type).isEqualTo(type).hasSameHashCodeAs(type);
    assertThat(copy.namespace()).isEqualTo("com.example");
    assertThat(copy.name()).isEqualTo("greeter");
  }
}
