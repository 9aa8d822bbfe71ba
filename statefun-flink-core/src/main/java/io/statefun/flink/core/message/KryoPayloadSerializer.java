package io.statefun.flink.core.message;

import java.io.IOException;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.runtime.kryo.KryoSerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Any payload, through Flink's Kryo serializer (honours the job's Kryo registrations). */
final class KryoPayloadSerializer implements MessagePayloadSerializer {
  private final KryoSerializer<Object> kryo;

  KryoPayloadSerializer(SerializerConfig config) {
    this(new KryoSerializer<>(Object.class, config));
  }

  /** Wraps a (restored) Kryo serializer of {@code Object}. */
  KryoPayloadSerializer(KryoSerializer<Object> kryo) {
    this.kryo = kryo;
  }

  @Override
  public void serialize(Object payload, DataOutputView target) throws IOException {
    kryo.serialize(payload, target);
  }

  @Override
  public Object deserialize(DataInputView source) throws IOException {
    return kryo.deserialize(source);
  }

  @Override
  public Object copy(Object payload) {
    return kryo.copy(payload);
  }

  /** The Kryo serializer's snapshot: its registrations must come back on restore. */
  TypeSerializerSnapshot<Object> snapshot() {
    return kryo.snapshotConfiguration();
  }

  @Override
  public MessagePayloadSerializer duplicate() {
    return new KryoPayloadSerializer(kryo.duplicate());
  }
}
