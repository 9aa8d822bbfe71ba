package io.statefun.flink.state;

import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;

/**
 * The state backend a savepoint is read or written with. Canonical savepoints read with either;
 * native RocksDB savepoints only with {@code rocksdb}.
 */
public final class StateBackends {
  private StateBackends() {}

  /**
   * @throws IllegalArgumentException naming the value unless it is {@code hashmap} or {@code
   *     rocksdb}
   */
  public static StateBackend of(String name) {
    switch (name) {
      case "hashmap":
        return new HashMapStateBackend();
      case "rocksdb":
        return new EmbeddedRocksDBStateBackend();
      default:
        throw new IllegalArgumentException(
            "state backend must be 'hashmap' or 'rocksdb', but was '" + name + "'");
    }
  }
}
