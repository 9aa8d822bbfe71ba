package io.statefun.flink.core.message;

import io.statefun.sdk.Address;
import io.statefun.sdk.FunctionType;
import java.io.IOException;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Serializes an {@link Address} as its function type, then its id. The type is one length-prefixed
 * block (namespace and name) that {@link FunctionTypeBlocks} caches both ways, so the few types of
 * a job are neither re-encoded on write nor decoded and allocated on read. Strings are
 * length-prefixed UTF-8. An instance caches and keeps scratch buffers, so it is not thread-safe:
 * {@link #duplicate()} gives each thread its own.
 */
@Internal
public final class AddressSerializer extends TypeSerializer<Address> {
  private static final long serialVersionUID = 1L;

  private transient Utf8Codec strings;
  private transient FunctionTypeBlocks types;

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
    Utf8Codec strings = strings();
    target.write(types.blockOf(address.type()));
    strings.write(address.id(), target);
  }

  @Override
  public Address deserialize(DataInputView source) throws IOException {
    Utf8Codec strings = strings();
    int length = strings.readBlock(source);
    FunctionType type = types.typeOf(strings.scratch(), length);
    return new Address(type, strings.read(source));
  }

  @Override
  public Address deserialize(Address reuse, DataInputView source) throws IOException {
    return deserialize(source);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    strings().copy(source, target);
    strings().copy(source, target);
  }

  private Utf8Codec strings() {
    Utf8Codec codec = strings;
    if (codec == null) {
      codec = new Utf8Codec();
      types = new FunctionTypeBlocks(codec);
      strings = codec;
    }
    return codec;
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
