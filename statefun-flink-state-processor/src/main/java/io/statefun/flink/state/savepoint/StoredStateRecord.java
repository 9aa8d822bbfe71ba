package io.statefun.flink.state.savepoint;

import io.statefun.sdk.Address;
import java.io.Serializable;

/**
 * One address's state as stored: the Flink state name, the entries it holds and its bytes in the
 * stored serializer's format (from which {@link StoredState#deserialize} restores it exactly).
 */
public final class StoredStateRecord implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Address address;
  private final String state;
  private final int entries;
  private final byte[] bytes;

  public StoredStateRecord(Address address, String state, int entries, byte[] bytes) {
    this.address = address;
    this.state = state;
    this.entries = entries;
    this.bytes = bytes;
  }

  public Address address() {
    return address;
  }

  /** The Flink state name: {@code <namespace>.<type>.<state>} for function state. */
  public String state() {
    return state;
  }

  public int entries() {
    return entries;
  }

  public byte[] bytes() {
    return bytes;
  }
}
