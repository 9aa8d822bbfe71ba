package io.statefun.flink.core.message;

import io.statefun.sdk.Address;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink type information for {@link Address}, the key of every function's state. */
@Internal
public final class AddressTypeInfo extends SingleValueTypeInfo<Address> {
  private static final long serialVersionUID = 1L;

  public static final AddressTypeInfo INSTANCE = new AddressTypeInfo();

  @Override
  public Class<Address> getTypeClass() {
    return Address.class;
  }

  @Override
  public boolean isKeyType() {
    return true;
  }

  @Override
  public TypeSerializer<Address> createSerializer(SerializerConfig config) {
    return new AddressSerializer();
  }

  @Override
  public String toString() {
    return "Address";
  }

  @Override
  public boolean equals(Object obj) {
    return obj instanceof AddressTypeInfo;
  }

  @Override
  public int hashCode() {
    return AddressTypeInfo.class.hashCode();
  }
}
