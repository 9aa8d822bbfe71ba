package io.statefun.flink.harness.io;

import java.io.Serializable;
import org.apache.flink.annotation.PublicEvolving;

/** Makes the record at an index. Must be deterministic for a replayable ingress. */
@FunctionalInterface
@PublicEvolving
public interface SerializableGenerator<T> extends Serializable {
  T generate(long index);
}
