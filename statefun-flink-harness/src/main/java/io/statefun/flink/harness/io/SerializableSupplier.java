package io.statefun.flink.harness.io;

import java.io.Serializable;
import org.apache.flink.annotation.PublicEvolving;

/** Supplies ingress records; called once per record from the source's thread. */
@FunctionalInterface
@PublicEvolving
public interface SerializableSupplier<T> extends Serializable {
  T get();
}
