package io.statefun.flink.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.sdk.Address;
import io.statefun.sdk.FunctionType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class AddressSerializerTest {

  private static List<Address> mixedAddresses() {
    FunctionType a = new FunctionType("ns", "a");
    FunctionType b = new FunctionType("ns", "b");
    FunctionType otherNs = new FunctionType("other", "a");
    List<Address> addresses = new ArrayList<>();
    addresses.add(new Address(a, "1"));
    addresses.add(new Address(a, "2"));
    addresses.add(new Address(b, "1"));
    addresses.add(new Address(otherNs, "1"));
    addresses.add(new Address(a, "3"));
    addresses.add(new Address(new FunctionType("ünï", "çödé"), "id with spaces / and 日本語"));
    addresses.add(new Address(a, "x".repeat(70_000)));
    return addresses;
  }

  @Test
  void roundTripsAddressesAcrossTypeChanges() throws IOException {
    AddressSerializer serializer = new AddressSerializer();
    List<Address> addresses = mixedAddresses();
    DataOutputSerializer out = new DataOutputSerializer(64);
    for (Address address : addresses) {
      serializer.serialize(address, out);
    }

    DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
    List<Address> read = new ArrayList<>();
    for (int i = 0; i < addresses.size(); i++) {
      read.add(serializer.deserialize(in));
    }

    assertThat(read).isEqualTo(addresses);
    assertThat(in.available()).isZero();
    for (int i = 0; i < read.size(); i++) {
      assertThat(read.get(i).type().namespace()).isEqualTo(addresses.get(i).type().namespace());
      assertThat(read.get(i).type().name()).isEqualTo(addresses.get(i).type().name());
      assertThat(read.get(i).hashCode()).isEqualTo(addresses.get(i).hashCode());
    }
  }

  @Test
  void addressesOfOneTypeShareTheDecodedTypeEvenWhenTypesAlternate() throws IOException {
    AddressSerializer serializer = new AddressSerializer();
    FunctionType type = new FunctionType("ns", "a");
    DataOutputSerializer out = new DataOutputSerializer(64);
    serializer.serialize(new Address(type, "1"), out);
    serializer.serialize(new Address(new FunctionType("ns", "a"), "2"), out);
    serializer.serialize(new Address(new FunctionType("ns", "b"), "3"), out);
    serializer.serialize(new Address(type, "4"), out);

    DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
    Address first = serializer.deserialize(in);
    Address second = serializer.deserialize(in);
    Address third = serializer.deserialize(in);
    Address fourth = serializer.deserialize(in);

    assertThat(second.type()).isSameAs(first.type());
    assertThat(third.type()).isEqualTo(new FunctionType("ns", "b"));
    assertThat(fourth.type()).isSameAs(first.type());
    assertThat(List.of(first.id(), second.id(), third.id(), fourth.id()))
        .containsExactly("1", "2", "3", "4");
  }

  @Test
  void manyMoreTypesThanCacheSlotsStillRoundTrip() throws IOException {
    AddressSerializer serializer = new AddressSerializer();
    List<Address> addresses = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      for (int t = 0; t < 100; t++) {
        addresses.add(new Address(new FunctionType("ns" + (t % 7), "type-" + t), "id-" + round));
      }
    }
    DataOutputSerializer out = new DataOutputSerializer(64);
    for (Address address : addresses) {
      serializer.serialize(address, out);
    }

    DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
    for (Address address : addresses) {
      Address read = serializer.deserialize(in);
      assertThat(read).isEqualTo(address);
      assertThat(read.type().name()).isEqualTo(address.type().name());
    }
  }

  @Test
  void aTruncatedAddressFailsInsteadOfMisreading() throws IOException {
    AddressSerializer serializer = new AddressSerializer();
    DataOutputSerializer out = new DataOutputSerializer(64);
    serializer.serialize(new Address(new FunctionType("ns", "a"), "some-id"), out);
    byte[] bytes = out.getCopyOfBuffer();

    DataInputDeserializer truncated =
        new DataInputDeserializer(java.util.Arrays.copyOf(bytes, bytes.length - 2));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> serializer.deserialize(truncated))
        .isInstanceOf(IOException.class);
  }

  @Test
  void copyBetweenViewsKeepsTheBytes() throws IOException {
    AddressSerializer serializer = new AddressSerializer();
    DataOutputSerializer original = new DataOutputSerializer(64);
    for (Address address : mixedAddresses()) {
      serializer.serialize(address, original);
    }
    byte[] bytes = original.getCopyOfBuffer();

    DataInputDeserializer in = new DataInputDeserializer(bytes);
    DataOutputSerializer copied = new DataOutputSerializer(64);
    for (int i = 0; i < mixedAddresses().size(); i++) {
      serializer.copy(in, copied);
    }

    assertThat(copied.getCopyOfBuffer()).isEqualTo(bytes);
  }

  @Test
  void duplicateIsEqualButAnotherInstance() {
    AddressSerializer serializer = new AddressSerializer();
    TypeSerializer<Address> duplicate = serializer.duplicate();

    assertThat(duplicate).isNotSameAs(serializer).isEqualTo(serializer);
    assertThat(duplicate.hashCode()).isEqualTo(serializer.hashCode());
  }

  @Test
  void snapshotRoundTripRestoresAnEqualCompatibleSerializer() throws IOException {
    AddressSerializer serializer = new AddressSerializer();
    DataOutputSerializer out = new DataOutputSerializer(64);
    TypeSerializerSnapshot.writeVersionedSnapshot(out, serializer.snapshotConfiguration());

    TypeSerializerSnapshot<Address> restored =
        TypeSerializerSnapshot.readVersionedSnapshot(
            new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());

    assertThat(restored.restoreSerializer()).isEqualTo(serializer);
    assertThat(
            serializer
                .snapshotConfiguration()
                .resolveSchemaCompatibility(restored)
                .isCompatibleAsIs())
        .isTrue();
  }

  @Test
  void typeInfoCreatesTheAddressSerializer() {
    assertThat(
            AddressTypeInfo.INSTANCE.createSerializer(
                new org.apache.flink.api.common.serialization.SerializerConfigImpl()))
        .isInstanceOf(AddressSerializer.class);
    assertThat(AddressTypeInfo.INSTANCE.isKeyType()).isTrue();
    assertThat(AddressTypeInfo.INSTANCE.getTypeClass()).isEqualTo(Address.class);
  }
}
