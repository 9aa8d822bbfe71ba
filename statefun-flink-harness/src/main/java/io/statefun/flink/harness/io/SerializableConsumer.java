package io.statefun.flink.harness.io;

import java.io.Serializable;
import org.apache.flink.annotation.PublicEvolving;

/** Receives egress records, from the sink's thread (one per parallel sink instance). */
@FunctionalInterface
@PublicEvolving
public interface SerializableConsumer<T> extends Serializable {
  void accept(T record);
}
