package io.statefun.flink.state;

import io.statefun.sdk.Address;
import java.io.Serializable;
import java.util.Objects;

/**
 * One state of one function address: a {@code PersistedValue}'s value, a {@code PersistedTable}'s
 * entries as a {@link java.util.Map}, or a {@code PersistedAppendingBuffer}'s elements as a {@link
 * java.util.List}. The state is named as the function declares it (without the function type).
 */
public final class FunctionStateEntry implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Address address;
  private final String state;
  private final Object value;

  public FunctionStateEntry(Address address, String state, Object value) {
    this.address = Objects.requireNonNull(address, "address");
    this.state = Objects.requireNonNull(state, "state");
    this.value = Objects.requireNonNull(value, "value");
  }

  public Address address() {
    return address;
  }

  public String state() {
    return state;
  }

  public Object value() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof FunctionStateEntry)) {
      return false;
    }
    FunctionStateEntry other = (FunctionStateEntry) o;
    return address.equals(other.address) && state.equals(other.state) && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(address, state, value);
  }

  @Override
  public String toString() {
    return address + " " + state + "=" + value;
  }
}
