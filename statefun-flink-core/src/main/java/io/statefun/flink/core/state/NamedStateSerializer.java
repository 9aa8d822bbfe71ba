package io.statefun.flink.core.state;

import java.io.IOException;
import java.util.Objects;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * A state's serializer that names the state when a value cannot be read. The heap backend reads
 * every value of every state inside Flink's restore, before any statefun code runs; Flink restores
 * this serializer from the snapshot, so a value that no longer reads (a Kryo class that changed
 * incompatibly, say) fails the restore naming the function type and the state instead of only the
 * Kryo reference it tripped over. Writes exactly the bytes of the serializer it wraps.
 */
@Internal
public final class NamedStateSerializer<T> extends TypeSerializer<T> {
  private static final long serialVersionUID = 1L;

  /** "state 'x' of function type ns/name (Flink state ns.name.x)", with "key of" for map keys. */
  private final String state;

  private final TypeSerializer<T> inner;

  public NamedStateSerializer(String state, TypeSerializer<T> inner) {
    this.state = Objects.requireNonNull(state);
    this.inner = Objects.requireNonNull(inner);
  }

  TypeSerializer<T> inner() {
    return inner;
  }

  private IOException unreadable(Throwable cause) {
    return new IOException(
        "cannot read a value of "
            + state
            + " with "
            + inner.getClass().getSimpleName()
            + " (did its class change incompatibly since the snapshot?): "
            + cause,
        cause);
  }

  @Override
  public T deserialize(DataInputView source) throws IOException {
    try {
      return inner.deserialize(source);
    } catch (IOException | RuntimeException | LinkageError e) {
      throw unreadable(e);
    }
  }

  @Override
  public T deserialize(T reuse, DataInputView source) throws IOException {
    try {
      return inner.deserialize(reuse, source);
    } catch (IOException | RuntimeException | LinkageError e) {
      throw unreadable(e);
    }
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    try {
      inner.copy(source, target);
    } catch (IOException | RuntimeException | LinkageError e) {
      throw unreadable(e);
    }
  }

  @Override
  public void serialize(T record, DataOutputView target) throws IOException {
    inner.serialize(record, target);
  }

  @Override
  public boolean isImmutableType() {
    return inner.isImmutableType();
  }

  @Override
  public TypeSerializer<T> duplicate() {
    TypeSerializer<T> duplicate = inner.duplicate();
    return duplicate == inner ? this : new NamedStateSerializer<>(state, duplicate);
  }

  @Override
  public T createInstance() {
    return inner.createInstance();
  }

  @Override
  public T copy(T from) {
    return inner.copy(from);
  }

  @Override
  public T copy(T from, T reuse) {
    return inner.copy(from, reuse);
  }

  @Override
  public int getLength() {
    return inner.getLength();
  }

  @Override
  public boolean equals(Object obj) {
    return obj instanceof NamedStateSerializer<?> other
        && state.equals(other.state)
        && inner.equals(other.inner);
  }

  @Override
  public int hashCode() {
    return 31 * state.hashCode() + inner.hashCode();
  }

  @Override
  public TypeSerializerSnapshot<T> snapshotConfiguration() {
    return new Snapshot<>(state, inner.snapshotConfiguration());
  }

  /**
   * The state's description and the wrapped serializer's snapshot. Compatibility is the wrapped
   * serializer's, also against a snapshot written without this wrapper (state from before it), so
   * existing savepoints restore unchanged.
   */
  public static final class Snapshot<T> implements TypeSerializerSnapshot<T> {
    private static final int VERSION = 1;
    private String state;
    private TypeSerializerSnapshot<T> inner;

    /** For Flink's reflective instantiation on restore. */
    public Snapshot() {}

    Snapshot(String state, TypeSerializerSnapshot<T> inner) {
      this.state = state;
      this.inner = inner;
    }

    @Override
    public int getCurrentVersion() {
      return VERSION;
    }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
      StringValue.writeString(state, out);
      TypeSerializerSnapshot.writeVersionedSnapshot(out, inner);
    }

    @Override
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader)
        throws IOException {
      if (readVersion != VERSION) {
        throw new IOException("unknown named state serializer snapshot version " + readVersion);
      }
      state = StringValue.readString(in);
      inner = TypeSerializerSnapshot.readVersionedSnapshot(in, userCodeClassLoader);
    }

    @Override
    public TypeSerializer<T> restoreSerializer() {
      return new NamedStateSerializer<>(state, inner.restoreSerializer());
    }

    @Override
    @SuppressWarnings("unchecked")
    public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(
        TypeSerializerSnapshot<T> oldSnapshot) {
      TypeSerializerSnapshot<T> old =
          oldSnapshot instanceof Snapshot ? ((Snapshot<T>) oldSnapshot).inner : oldSnapshot;
      TypeSerializerSchemaCompatibility<T> compatibility = inner.resolveSchemaCompatibility(old);
      if (compatibility.isCompatibleWithReconfiguredSerializer()) {
        return TypeSerializerSchemaCompatibility.compatibleWithReconfiguredSerializer(
            new NamedStateSerializer<>(state, compatibility.getReconfiguredSerializer()));
      }
      return compatibility;
    }
  }
}
