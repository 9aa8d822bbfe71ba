package io.statefun.flink.state.savepoint;

import io.statefun.flink.core.translation.Uids;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.state.IncrementalKeyedStateHandle;
import org.apache.flink.runtime.state.KeyGroupsStateHandle;
import org.apache.flink.runtime.state.KeyedBackendSerializationProxy;
import org.apache.flink.runtime.state.KeyedStateHandle;
import org.apache.flink.runtime.state.metainfo.StateMetaInfoSnapshot;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.runtime.SavepointLoader;

/**
 * What a savepoint's metadata says about the statefun functions operator (uid {@value
 * Uids#FUNCTIONS}): its max parallelism, the keyed states its subtasks registered (with the
 * serializers they were written with), the size of its keyed state, and its raw keyed state, which
 * holds the feedback log of the messages that were in flight in the loop.
 */
public final class FunctionsOperatorSnapshot {
  private final String path;
  private final int maxParallelism;
  private final int subtasks;
  private final Map<String, StoredState> states;
  private final long managedBytes;
  private final List<KeyedStateHandle> rawKeyedState;

  private FunctionsOperatorSnapshot(
      String path,
      int maxParallelism,
      int subtasks,
      Map<String, StoredState> states,
      long managedBytes,
      List<KeyedStateHandle> rawKeyedState) {
    this.path = path;
    this.maxParallelism = maxParallelism;
    this.subtasks = subtasks;
    this.states = states;
    this.managedBytes = managedBytes;
    this.rawKeyedState = rawKeyedState;
  }

  /**
   * @throws IllegalArgumentException naming the path if the savepoint has no functions operator
   */
  public static FunctionsOperatorSnapshot load(String path, ClassLoader classLoader)
      throws IOException {
    CheckpointMetadata metadata = SavepointLoader.loadSavepointMetadata(path);
    OperatorID id = functionsOperatorId();
    OperatorState operator =
        metadata.getOperatorStates().stream()
            .filter(o -> o.getOperatorID().equals(id))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "savepoint "
                            + path
                            + " holds no state of a statefun functions operator (uid "
                            + Uids.FUNCTIONS
                            + ")"));
    Map<String, StoredState> states = new TreeMap<>();
    List<KeyedStateHandle> raw = new ArrayList<>();
    long managedBytes = 0;
    for (OperatorSubtaskState subtask : operator.getStates()) {
      for (KeyedStateHandle handle : subtask.getManagedKeyedState()) {
        managedBytes += handle.getStateSize();
        for (StateMetaInfoSnapshot meta : readMetaInfo(path, handle, classLoader)) {
          StoredState state = toStoredState(meta);
          if (state != null) {
            states.putIfAbsent(state.name(), state);
          }
        }
      }
      raw.addAll(subtask.getRawKeyedState());
    }
    return new FunctionsOperatorSnapshot(
        path,
        operator.getMaxParallelism(),
        operator.getParallelism(),
        Collections.unmodifiableMap(states),
        managedBytes,
        Collections.unmodifiableList(raw));
  }

  public static OperatorID functionsOperatorId() {
    return OperatorIdentifier.forUid(Uids.FUNCTIONS).getOperatorId();
  }

  public String path() {
    return path;
  }

  public int maxParallelism() {
    return maxParallelism;
  }

  /** The parallelism of the job that took the savepoint. */
  public int parallelism() {
    return subtasks;
  }

  /** Keyed states by Flink state name: function states and the runtime's own. */
  public Map<String, StoredState> states() {
    return states;
  }

  /** Bytes of managed keyed state, as the savepoint's handles report them. */
  public long managedBytes() {
    return managedBytes;
  }

  /** The feedback log's handles, one per subtask that wrote one. */
  public List<KeyedStateHandle> rawKeyedState() {
    return rawKeyedState;
  }

  private static List<StateMetaInfoSnapshot> readMetaInfo(
      String path, KeyedStateHandle handle, ClassLoader classLoader) throws IOException {
    InputStream in;
    if (handle instanceof KeyGroupsStateHandle) {
      // Canonical savepoints and heap snapshots: the meta info heads the stream.
      in = ((KeyGroupsStateHandle) handle).openInputStream();
    } else if (handle instanceof IncrementalKeyedStateHandle) {
      // Native RocksDB savepoints keep the meta info in a handle of its own.
      in = ((IncrementalKeyedStateHandle) handle).getMetaDataStateHandle().openInputStream();
    } else {
      throw new IOException(
          "savepoint "
              + path
              + ": keyed state handle "
              + handle.getClass().getName()
              + " of the functions operator is of a kind this tool cannot read");
    }
    try (InputStream stream = in) {
      KeyedBackendSerializationProxy<?> proxy = new KeyedBackendSerializationProxy<>(classLoader);
      proxy.read(new DataInputViewStreamWrapper(stream));
      return proxy.getStateMetaInfoSnapshots();
    }
  }

  private static StoredState toStoredState(StateMetaInfoSnapshot meta) {
    if (meta.getBackendStateType() != StateMetaInfoSnapshot.BackendStateType.KEY_VALUE) {
      return null; // timers: rebuilt from the delayed messages' due times
    }
    String type = meta.getOption(StateMetaInfoSnapshot.CommonOptionsKeys.KEYED_STATE_TYPE);
    StoredState.Kind kind;
    if ("VALUE".equals(type)) {
      kind = StoredState.Kind.VALUE;
    } else if ("MAP".equals(type)) {
      kind = StoredState.Kind.MAP;
    } else if ("LIST".equals(type)) {
      kind = StoredState.Kind.LIST;
    } else {
      throw new IllegalArgumentException(
          "state " + meta.getName() + " is of kind " + type + ", which statefun never writes");
    }
    TypeSerializerSnapshot<?> snapshot =
        meta.getTypeSerializerSnapshot(StateMetaInfoSnapshot.CommonSerializerKeys.VALUE_SERIALIZER);
    TypeSerializer<?> serializer = snapshot.restoreSerializer();
    return new StoredState(meta.getName(), kind, serializer);
  }
}
