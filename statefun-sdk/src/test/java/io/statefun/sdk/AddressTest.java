package io.statefun.sdk;

import static io.statefun.sdk.SerializationRoundTrip.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AddressTest {
  private static final FunctionType GREETER = new FunctionType("com.example", "greeter");

  @Test
  void exposesTypeAndId() {
    Address address = new Address(GREETER, "user-42");

    assertThat(address.type()).isEqualTo(GREETER);
    assertThat(address.id()).isEqualTo("user-42");
  }

  @Test
  void addressesWithEqualTypeAndIdAreEqual() {
    assertThat(new Address(GREETER, "user-42"))
        .isEqualTo(new Address(new FunctionType("com.example", "greeter"), new String("user-42")))
        .hasSameHashCodeAs(new Address(GREETER, "user-42"));
  }

  @Test
  void addressesDifferingInTypeOrIdAreNotEqual() {
    Address address = new Address(GREETER, "user-42");

    assertThat(address)
        .isNotEqualTo(new Address(GREETER, "user-43"))
        .isNotEqualTo(new Address(new FunctionType("com.example", "counter"), "user-42"))
        .isNotEqualTo(GREETER)
        .isNotEqualTo(null);
  }

  @Test
  void hashCodeIsAPureFunctionOfTheStrings() {
    // "c".hashCode() ^ ((31 * "a".hashCode() + "b".hashCode()) * 0x9E3779B9), in every JVM.
    assertThat(new Address(new FunctionType("a", "b"), "c").hashCode())
        .isEqualTo("c".hashCode() ^ (3105 * 0x9E3779B9));
    assertThat(new Address(new FunctionType("a", "b"), "c").hashCode()).isEqualTo(-19178310);
  }

  @Test
  void numericIdsOfSimilarlyNamedTypesDoNotCollide() {
    java.util.Set<Integer> hashes = new java.util.HashSet<>();
    int addresses = 0;
    for (String name : java.util.List.of("chain-a", "chain-b", "chain-c")) {
      FunctionType type = new FunctionType("bench", name);
      for (int id = 0; id < 100_000; id++) {
        hashes.add(new Address(type, Integer.toString(id)).hashCode());
        addresses++;
      }
    }

    assertThat(hashes).hasSize(addresses);
  }

  @Test
  void toStringIsNamespaceSlashNameSlashId() {
    assertThat(new Address(GREETER, "user-42")).hasToString("com.example/greeter/user-42");
  }

  @Test
  void rejectsNullType() {
    assertThatThrownBy(() -> new Address(null, "user-42"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Address type");
  }

  @Test
  void rejectsNullOrEmptyId() {
    assertThatThrownBy(() -> new Address(GREETER, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Address id");
    assertThatThrownBy(() -> new Address(GREETER, ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Address id");
  }

  @Test
  void survivesJavaSerialization() {
    Address address = new Address(GREETER, "user-42");

    Address copy = roundTrip(address);

    assertThat(copy).isNotSameAs(address).isEqualTo(address).hasSameHashCodeAs(address);
    assertThat(copy.type()).isEqualTo(GREETER);
    assertThat(copy.id()).isEqualTo("user-42");
  }
}
