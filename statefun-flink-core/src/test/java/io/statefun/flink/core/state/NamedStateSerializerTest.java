package io.statefun.flink.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.runtime.kryo.KryoSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class NamedStateSerializerTest {
  private static final String STATE = "state 'items' of function type shop/cart";

  /** Not a POJO (no setters, final field), so Flink falls back to Kryo. */
  static final class Items {
    final List<String> names = new ArrayList<>();
  }

  private static TypeSerializer<Items> named() {
    return StateTypes.ofState(Items.class, STATE).createSerializer(new SerializerConfigImpl());
  }

  @Test
  void onlyKryoFallbackTypesAreWrapped() {
    assertThat(named()).isInstanceOf(NamedStateSerializer.class);
    assertThat(((NamedStateSerializer<Items>) named()).inner()).isInstanceOf(KryoSerializer.class);
    assertThat(StateTypes.ofState(Long.class, STATE)).isEqualTo(TypeInformation.of(Long.class));
    assertThat(StateTypes.ofState(String.class, STATE)).isEqualTo(TypeInformation.of(String.class));
  }

  @Test
  void writesTheWrappedSerializersBytes() throws IOException {
    Items items = new Items();
    items.names.add("apple");
    DataOutputSerializer wrapped = new DataOutputSerializer(64);
    named().serialize(items, wrapped);
    DataOutputSerializer plain = new DataOutputSerializer(64);
    new KryoSerializer<>(Items.class, new SerializerConfigImpl()).serialize(items, plain);

    assertThat(wrapped.getCopyOfBuffer()).isEqualTo(plain.getCopyOfBuffer());
    Items back = named().deserialize(new DataInputDeserializer(wrapped.getCopyOfBuffer()));
    assertThat(back.names).containsExactly("apple");
  }

  @Test
  void aValueThatDoesNotReadNamesTheState() {
    byte[] garbage = {(byte) 0xFF, (byte) 0xFF, 0x01};
    assertThatThrownBy(() -> named().deserialize(new DataInputDeserializer(garbage)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(STATE);
  }

  @Test
  void stateFromBeforeTheWrapperIsCompatibleAsIs() {
    TypeSerializerSnapshot<Items> before =
        new KryoSerializer<>(Items.class, new SerializerConfigImpl()).snapshotConfiguration();
    TypeSerializerSchemaCompatibility<Items> compatibility =
        named().snapshotConfiguration().resolveSchemaCompatibility(before);
    assertThat(compatibility.isCompatibleAsIs()).isTrue();
  }

  @Test
  void theSnapshotRestoresTheNamedSerializer() throws IOException {
    TypeSerializerSnapshot<Items> snapshot = named().snapshotConfiguration();
    DataOutputSerializer out = new DataOutputSerializer(256);
    TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
    TypeSerializerSnapshot<Items> read =
        TypeSerializerSnapshot.readVersionedSnapshot(
            new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());

    assertThat(read.restoreSerializer()).isEqualTo(named());
    assertThat(read.resolveSchemaCompatibility(snapshot).isCompatibleAsIs()).isTrue();
  }
}
