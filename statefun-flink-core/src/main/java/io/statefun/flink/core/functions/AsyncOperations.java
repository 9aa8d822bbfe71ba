package io.statefun.flink.core.functions;

import io.statefun.flink.core.message.Message;
import io.statefun.flink.core.message.MessageSerializer;
import io.statefun.sdk.Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * Async operations in flight: each is recorded in its owner's keyed state (as a message carrying
 * the metadata) until it completes, so a restore finds every operation that was in flight at the
 * checkpoint and reports it as UNKNOWN. Task thread only; expects the owner as the current key.
 */
final class AsyncOperations {
  static final String STATE = "__statefun.async.in-flight";

  private final MapState<Long, Message> inFlightState;
  private MessageSerializer serializer;
  private final DataOutputSerializer scratch = new DataOutputSerializer(64);
  private long nextId;
  private int inFlight;

  AsyncOperations(MapState<Long, Message> inFlightState, MessageSerializer serializer) {
    this.inFlightState = inFlightState;
    this.serializer = serializer;
  }

  /**
   * Records an operation of the current key.
   *
   * @throws IllegalArgumentException naming the metadata class and owner if the metadata cannot be
   *     serialized (it would fail the next checkpoint otherwise)
   */
  long register(Address owner, Object metadata) throws Exception {
    Message record = new Message(null, owner, metadata);
    scratch.clear();
    try {
      serializer.serialize(record, scratch);
    } catch (Exception e) {
      // A serializer that failed midway (Kryo keeps a half-written buffer) is not reused.
      serializer = (MessageSerializer) serializer.duplicate();
      throw new IllegalArgumentException(
          owner
              + " registered an async operation whose metadata of class "
              + (metadata == null ? "null" : metadata.getClass().getName())
              + " cannot be serialized: "
              + e.getMessage(),
          e);
    }
    long id = nextId++;
    inFlightState.put(id, record);
    inFlight++;
    return id;
  }

  /** Forgets a completed operation of the current key. */
  void completed(long id) throws Exception {
    inFlightState.remove(id);
    inFlight--;
  }

  /** Removes and returns the metadata of every operation the current key had in flight. */
  List<Object> takeRestored() throws Exception {
    List<Object> metadata = new ArrayList<>();
    Iterable<Map.Entry<Long, Message>> entries = inFlightState.entries();
    if (entries != null) {
      for (Map.Entry<Long, Message> entry : entries) {
        metadata.add(entry.getValue().payload());
      }
    }
    inFlightState.clear();
    return metadata;
  }

  int inFlight() {
    return inFlight;
  }
}
