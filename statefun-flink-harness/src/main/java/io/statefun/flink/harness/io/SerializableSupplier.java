package io.statefun.flink.harness.io;

import java.io.Serializable;

/** Supplies ingress records; called once per record from the source's thread. */
@FunctionalInterface
public interface SerializableSupplier<T> extends Serializable {
  T get();
}
