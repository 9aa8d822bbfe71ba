package io.statefun.flink.state.savepoint;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.State;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.base.ListSerializer;
import org.apache.flink.api.common.typeutils.base.MapSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * One keyed state as a savepoint stores it: its Flink name, kind and the serializer restored from
 * the savepoint's own serializer snapshot. Reading and writing through that serializer copies a
 * key's state exactly, TTL timestamps included (a state with TTL is stored with its timestamps, and
 * its restored serializer reads and writes them).
 */
public final class StoredState implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The kinds of keyed state that function state and the runtime's own state use. */
  public enum Kind {
    VALUE,
    MAP,
    LIST
  }

  private final String name;
  private final Kind kind;
  private final TypeSerializer<Object> serializer;

  @SuppressWarnings("unchecked")
  StoredState(String name, Kind kind, TypeSerializer<?> serializer) {
    this.name = name;
    this.kind = kind;
    this.serializer = (TypeSerializer<Object>) serializer;
  }

  public String name() {
    return name;
  }

  public Kind kind() {
    return kind;
  }

  /** A descriptor that registers the state exactly as stored (without a TTL wrapper of its own). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public StateDescriptor<?, ?> descriptor() {
    switch (kind) {
      case VALUE:
        return new ValueStateDescriptor<>(name, serializer.duplicate());
      case MAP:
        MapSerializer map = (MapSerializer) serializer;
        return new MapStateDescriptor<>(
            name, map.getKeySerializer().duplicate(), map.getValueSerializer().duplicate());
      default:
        ListSerializer list = (ListSerializer) serializer;
        return new ListStateDescriptor<>(name, list.getElementSerializer().duplicate());
    }
  }

  /**
   * The current key's state (a value, a map or a list), or null if it has none.
   *
   * @param state the state {@link #descriptor()} registered
   */
  @SuppressWarnings("unchecked")
  public Object read(State state) throws Exception {
    switch (kind) {
      case VALUE:
        return ((ValueState<Object>) state).value();
      case MAP:
        Map<Object, Object> entries = new LinkedHashMap<>();
        Iterable<Map.Entry<Object, Object>> stored = ((MapState<Object, Object>) state).entries();
        if (stored != null) {
          for (Map.Entry<Object, Object> entry : stored) {
            entries.put(entry.getKey(), entry.getValue());
          }
        }
        return entries.isEmpty() ? null : entries;
      default:
        List<Object> elements = new ArrayList<>();
        Iterable<Object> stored2 = ((ListState<Object>) state).get();
        if (stored2 != null) {
          stored2.forEach(elements::add);
        }
        return elements.isEmpty() ? null : elements;
    }
  }

  /** Replaces the current key's state with {@code contents} (as {@link #read} returned it). */
  @SuppressWarnings("unchecked")
  public void write(State state, Object contents) throws Exception {
    switch (kind) {
      case VALUE:
        ((ValueState<Object>) state).update(contents);
        break;
      case MAP:
        MapState<Object, Object> map = (MapState<Object, Object>) state;
        map.clear();
        map.putAll((Map<Object, Object>) contents);
        break;
      default:
        ((ListState<Object>) state).update((List<Object>) contents);
    }
  }

  /** Entries of {@code contents}: 1 for a value, the map's or list's size otherwise. */
  public int entries(Object contents) {
    switch (kind) {
      case VALUE:
        return 1;
      case MAP:
        return ((Map<?, ?>) contents).size();
      default:
        return ((List<?>) contents).size();
    }
  }

  public byte[] serialize(Object contents) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(64);
    serializer.serialize(contents, out);
    return out.getCopyOfBuffer();
  }

  public Object deserialize(byte[] bytes) throws IOException {
    return serializer.deserialize(new DataInputDeserializer(bytes));
  }

  @Override
  public String toString() {
    return name + " (" + kind + ")";
  }
}
