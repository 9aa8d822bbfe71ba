package io.statefun.sdk;

import static io.statefun.sdk.SerializationRoundTrip.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FunctionTypeNamespaceMatcherTest {

  @Test
  void matchesEveryTypeOfItsNamespaceOnly() {
    FunctionTypeNamespaceMatcher matcher =
        FunctionTypeNamespaceMatcher.targetNamespace("com.example");

    assertThat(matcher.namespace()).isEqualTo("com.example");
    assertThat(matcher.matches(new FunctionType("com.example", "greeter"))).isTrue();
    assertThat(matcher.matches(new FunctionType("com.example", "counter"))).isTrue();
    assertThat(matcher.matches(new FunctionType("com.other", "greeter"))).isFalse();
    assertThat(matcher.matches(new FunctionType("com.example.sub", "greeter"))).isFalse();
  }

  @Test
  void matchersOfEqualNamespacesAreEqual() {
    assertThat(FunctionTypeNamespaceMatcher.targetNamespace("com.example"))
        .isEqualTo(FunctionTypeNamespaceMatcher.targetNamespace(new String("com.example")))
        .hasSameHashCodeAs(FunctionTypeNamespaceMatcher.targetNamespace("com.example"))
        .isNotEqualTo(FunctionTypeNamespaceMatcher.targetNamespace("com.other"))
        .isNotEqualTo("com.example")
        .isNotEqualTo(null);
  }

  @Test
  void hashCodeIsAPureFunctionOfTheNamespace() {
    assertThat(FunctionTypeNamespaceMatcher.targetNamespace("com.example").hashCode())
        .isEqualTo(-49835523);
  }

  @Test
  void toStringIsNamespaceSlashStar() {
    assertThat(FunctionTypeNamespaceMatcher.targetNamespace("com.example"))
        .hasToString("com.example/*");
  }

  @Test
  void rejectsNullOrEmptyNamespace() {
    assertThatThrownBy(() -> FunctionTypeNamespaceMatcher.targetNamespace(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("FunctionTypeNamespaceMatcher namespace");
    assertThatThrownBy(() -> FunctionTypeNamespaceMatcher.targetNamespace(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("FunctionTypeNamespaceMatcher namespace");
  }

  @Test
  void survivesJavaSerialization() {
    FunctionTypeNamespaceMatcher matcher =
        FunctionTypeNamespaceMatcher.targetNamespace("com.example");

    FunctionTypeNamespaceMatcher copy = roundTrip(matcher);

    assertThat(copy).isNotSameAs(matcher).isEqualTo(matcher).hasSameHashCodeAs(matcher);
    assertThat(copy.matches(new FunctionType("com.example", "greeter"))).isTrue();
  }
}
