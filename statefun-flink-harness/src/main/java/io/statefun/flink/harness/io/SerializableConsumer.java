package io.statefun.flink.harness.io;

import java.io.Serializable;

/** Receives egress records, from the sink's thread (one per parallel sink instance). */
@FunctionalInterface
public interface SerializableConsumer<T> extends Serializable {
  void accept(T record);
}
