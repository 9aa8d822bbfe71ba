package io.statefun.flink.core.message;

import io.statefun.sdk.Address;
import io.statefun.sdk.FunctionType;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Serializes an {@link Address} as namespace, name and id. Deserialization reuses the last {@link
 * FunctionType} when the next address has the same type, which is the common case on a hot edge, so
 * an instance is not thread-safe: {@link #duplicate()} gives each thread its own.
 */
public final class AddressSerializer extends TypeSerializer<Address> {
  private static final long serialVersionUID = 1L;

  private transient FunctionType lastType;

  @Override
  public boolean isImmutableType() {
    return true;
  }

  @Override
  public TypeSerializer<Address> duplicate() {
    return new AddressSerializer();
  }

  @Override
  public Address createInstance() {
    return null;
  }

  @Override
  public Address copy(Address from) {
    return from;
  }

  @Override
  public Address copy(Address from, Address reuse) {
    return from;
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(Address address, DataOutputView target) throws IOException {
    FunctionType type = address.type();
    StringValue.writeString(type.namespace(), target);
    StringValue.writeString(type.name(), target);
    StringValue.writeString(address.id(), target);
  }

  @Override
  public Address deserialize(DataInputView source) throws IOException {
    String namespace = StringValue.readString(source);
    String name = StringValue.readString(source);
    String id = StringValue.readString(source);
    FunctionType type = lastType;
    if (type == null || !type.name().equals(name) || !type.namespace().equals(namespace)) {
      type = new FunctionType(namespace, name);
      lastType = type;
    }
    return new Address(type, id);
  }

  @Override
  public Address deserialize(Address reuse, DataInputView source) throws IOException {
    return deserialize(source);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    StringValue.copyString(source, target);
    StringValue.copyString(source, target);
    StringValue.copyString(source, target);
  }

  @Override
  public boolean equals(Object obj) {
    return obj instanceof AddressSerializer;
  }

  @Override
  public int hashCode() {
    return AddressSerializer.class.hashCode();
  }

  @Override
  public TypeSerializerSnapshot<Address> snapshotConfiguration() {
    return new Snapshot();
  }

  /** The format has no parameters; the class name and version are all a snapshot needs. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<Address> {
    public Snapshot() {
      super(AddressSerializer::new);
    }
  }
}
