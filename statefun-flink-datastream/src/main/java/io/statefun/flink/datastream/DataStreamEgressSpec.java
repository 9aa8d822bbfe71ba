package io.statefun.flink.datastream;

import io.statefun.sdk.EgressType;
import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.io.EgressSpec;

/** An egress whose records only become a stream of the DataStream program; no sink of its own. */
final class DataStreamEgressSpec<T> implements EgressSpec<T> {
  static final EgressType TYPE = new EgressType("io.statefun.flink.datastream", "datastream");

  private final EgressIdentifier<T> id;

  DataStreamEgressSpec(EgressIdentifier<T> id) {
    this.id = id;
  }

  @Override
  public EgressIdentifier<T> id() {
    return id;
  }

  @Override
  public EgressType type() {
    return TYPE;
  }
}
