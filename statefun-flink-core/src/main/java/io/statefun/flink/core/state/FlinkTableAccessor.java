package io.statefun.flink.core.state;

import io.statefun.flink.core.failure.UndoLog;
import io.statefun.sdk.state.TableAccessor;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.util.FlinkRuntimeException;

final class FlinkTableAccessor<K, V> implements TableAccessor<K, V> {
  private final MapState<K, V> state;

  /** Names the function type and the state, for errors (a value that cannot be read back). */
  private final String description;

  /** Null unless failed invocations are undone. */
  private final UndoLog undo;

  FlinkTableAccessor(MapState<K, V> state, String description, UndoLog undo) {
    this.state = state;
    this.description = description;
    this.undo = undo;
  }

  /** Before a write of a recorded invocation: saves the entry to restore on failure. */
  private void saveForUndo(K key) throws Exception {
    if (undo == null || !undo.recording()) {
      return;
    }
    V previous = state.get(key);
    undo.add(
        () -> {
          try {
            if (previous == null) {
              state.remove(key);
            } else {
              state.put(key, previous);
            }
          } catch (Exception e) {
            throw new FlinkRuntimeException("cannot restore " + description, e);
          }
        });
  }

  @Override
  public V get(K key) {
    try {
      return state.get(key);
    } catch (Exception e) {
      throw new FlinkRuntimeException("cannot access " + description, e);
    }
  }

  @Override
  public void set(K key, V value) {
    try {
      saveForUndo(key);
      state.put(key, value);
    } catch (Exception e) {
      throw new FlinkRuntimeException("cannot access " + description, e);
    }
  }

  @Override
  public void remove(K key) {
    try {
      saveForUndo(key);
      state.remove(key);
    } catch (Exception e) {
      throw new FlinkRuntimeException("cannot access " + description, e);
    }
  }

  @Override
  public Iterable<Map.Entry<K, V>> entries() {
    try {
      Iterable<Map.Entry<K, V>> entries = state.entries();
      return entries != null ? entries : Collections.emptyList();
    } catch (Exception e) {
      throw new FlinkRuntimeException("cannot access " + description, e);
    }
  }

  @Override
  public Iterable<K> keys() {
    try {
      Iterable<K> keys = state.keys();
      return keys != null ? keys : Collections.emptyList();
    } catch (Exception e) {
      throw new FlinkRuntimeException("cannot access " + description, e);
    }
  }

  @Override
  public Iterable<V> values() {
    try {
      Iterable<V> values = state.values();
      return values != null ? values : Collections.emptyList();
    } catch (Exception e) {
      throw new FlinkRuntimeException("cannot access " + description, e);
    }
  }

  @Override
  public void clear() {
    if (undo != null && undo.recording()) {
      Map<K, V> previous = new HashMap<>();
      entries().forEach(entry -> previous.put(entry.getKey(), entry.getValue()));
      undo.add(
          () -> {
            try {
              state.clear();
              state.putAll(previous);
            } catch (Exception e) {
              throw new FlinkRuntimeException("cannot restore " + description, e);
            }
          });
    }
    state.clear();
  }
}
