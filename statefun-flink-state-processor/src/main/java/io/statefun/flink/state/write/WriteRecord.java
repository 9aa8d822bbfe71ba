package io.statefun.flink.state.write;

import io.statefun.flink.state.FunctionStateEntry;
import io.statefun.sdk.Address;
import java.io.Serializable;

/** What the function state writer writes under one address. */
public abstract class WriteRecord implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Address target;

  WriteRecord(Address target) {
    this.target = target;
  }

  public Address target() {
    return target;
  }

  /** A record for the bootstrap function of the target's type. */
  public static WriteRecord bootstrap(Address target, Object data) {
    return new Bootstrap(target, data);
  }

  /** A declared state of the target, set through the function's own {@code @Persisted} fields. */
  public static WriteRecord entry(FunctionStateEntry entry) {
    return new Entry(entry);
  }

  /** A stored state of the target, copied as the savepoint held it. */
  public static WriteRecord copy(Address target, String state, byte[] bytes) {
    return new Copy(target, state, bytes);
  }

  static final class Bootstrap extends WriteRecord {
    private static final long serialVersionUID = 1L;
    final Object data;

    Bootstrap(Address target, Object data) {
      super(target);
      this.data = data;
    }
  }

  static final class Entry extends WriteRecord {
    private static final long serialVersionUID = 1L;
    final FunctionStateEntry entry;

    Entry(FunctionStateEntry entry) {
      super(entry.address());
      this.entry = entry;
    }
  }

  static final class Copy extends WriteRecord {
    private static final long serialVersionUID = 1L;
    final String state;
    final byte[] bytes;

    Copy(Address target, String state, byte[] bytes) {
      super(target);
      this.state = state;
      this.bytes = bytes;
    }
  }
}
