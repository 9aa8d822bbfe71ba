package io.statefun.flink.harness.io;

import java.io.Serializable;

/** Makes the record at an index. Must be deterministic for a replayable ingress. */
@FunctionalInterface
public interface SerializableGenerator<T> extends Serializable {
  T generate(long index);
}
