package io.statefun.flink.core.state;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Serializes one protobuf message class as length-prefixed wire bytes. Protobuf's own rules keep
 * old state readable when fields are added, so any snapshot of the same class is compatible. For an
 * abstract type ({@code com.google.protobuf.Message} itself, say) each value's class name precedes
 * its bytes.
 */
final class ProtobufTypeSerializer<T extends Message> extends TypeSerializer<T> {
  private static final long serialVersionUID = 1L;

  private final Class<T> type;
  private final boolean named;
  private transient Parser<T> parser;
  private transient Map<String, Parser<T>> parsersByName;

  ProtobufTypeSerializer(Class<T> type) {
    this.type = type;
    this.named = Modifier.isAbstract(type.getModifiers());
  }

  @SuppressWarnings("unchecked")
  private Parser<T> parserOf(String className) throws IOException {
    if (parsersByName == null) {
      parsersByName = new HashMap<>();
    }
    Parser<T> p = parsersByName.get(className);
    if (p == null) {
      try {
        Class<?> concrete = Class.forName(className, false, type.getClassLoader());
        if (!type.isAssignableFrom(concrete)) {
          throw new IOException(className + " is not a " + type.getName());
        }
        p =
            (Parser<T>)
                ((Message) concrete.getMethod("getDefaultInstance").invoke(null))
                    .getParserForType();
      } catch (ReflectiveOperationException | LinkageError e) {
        throw new IOException("cannot load the protobuf class " + className, e);
      }
      parsersByName.put(className, p);
    }
    return p;
  }

  @SuppressWarnings("unchecked")
  private Parser<T> parser() {
    if (parser == null) {
      try {
        parser =
            (Parser<T>)
                ((Message) type.getMethod("getDefaultInstance").invoke(null)).getParserForType();
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot find the parser of " + type.getName(), e);
      }
    }
    return parser;
  }

  @Override
  public boolean isImmutableType() {
    return true;
  }

  @Override
  public TypeSerializer<T> duplicate() {
    return new ProtobufTypeSerializer<>(type);
  }

  @Override
  public T createInstance() {
    return null;
  }

  @Override
  public T copy(T from) {
    return from;
  }

  @Override
  public T copy(T from, T reuse) {
    return from;
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(T record, DataOutputView target) throws IOException {
    if (named) {
      StringValue.writeString(record.getClass().getName(), target);
    }
    byte[] bytes = record.toByteArray();
    target.writeInt(bytes.length);
    target.write(bytes);
  }

  @Override
  public T deserialize(DataInputView source) throws IOException {
    Parser<T> p = named ? parserOf(StringValue.readString(source)) : parser();
    byte[] bytes = new byte[source.readInt()];
    source.readFully(bytes);
    return p.parseFrom(bytes);
  }

  @Override
  public T deserialize(T reuse, DataInputView source) throws IOException {
    return deserialize(source);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    if (named) {
      StringValue.writeString(StringValue.readString(source), target);
    }
    int length = source.readInt();
    target.writeInt(length);
    target.write(source, length);
  }

  @Override
  public boolean equals(Object obj) {
    return obj instanceof ProtobufTypeSerializer
        && type.equals(((ProtobufTypeSerializer<?>) obj).type);
  }

  @Override
  public int hashCode() {
    return type.hashCode();
  }

  @Override
  public TypeSerializerSnapshot<T> snapshotConfiguration() {
    return new Snapshot<>(type);
  }

  /** Records the message class. */
  public static final class Snapshot<T extends Message> implements TypeSerializerSnapshot<T> {
    private Class<T> type;

    public Snapshot() {}

    Snapshot(Class<T> type) {
      this.type = type;
    }

    @Override
    public int getCurrentVersion() {
      return 1;
    }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
      StringValue.writeString(type.getName(), out);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader)
        throws IOException {
      String name = StringValue.readString(in);
      try {
        type = (Class<T>) Class.forName(name, false, classLoader);
      } catch (ClassNotFoundException e) {
        throw new IOException("protobuf state class " + name + " not found", e);
      }
    }

    @Override
    public TypeSerializer<T> restoreSerializer() {
      return new ProtobufTypeSerializer<>(type);
    }

    @Override
    public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(
        TypeSerializerSnapshot<T> oldSnapshot) {
      return oldSnapshot instanceof Snapshot && ((Snapshot<?>) oldSnapshot).type.equals(type)
          ? TypeSerializerSchemaCompatibility.compatibleAsIs()
          : TypeSerializerSchemaCompatibility.incompatible();
    }
  }
}
