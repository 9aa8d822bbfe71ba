package io.statefun.testutil;

import io.statefun.sdk.Address;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.io.EgressIdentifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What one invocation did: its input and everything it sent, scheduled, cancelled, emitted and
 * registered, each in the order the function did it. The lists are read-only and compare by value,
 * so they suit AssertJ's {@code containsExactly}.
 */
public final class Invocation {
  private final Address self;
  private final Address caller;
  private final Object input;
  final List<Sent> sends = new ArrayList<>();
  final List<Object> replies = new ArrayList<>();
  final List<DelayedSend> delayedSends = new ArrayList<>();
  final List<String> cancellations = new ArrayList<>();
  final List<EgressRecord> egressRecords = new ArrayList<>();
  final List<AsyncOperation<?, ?>> asyncOperations = new ArrayList<>();

  Invocation(Address self, Address caller, Object input) {
    this.self = self;
    this.caller = caller;
    this.input = input;
  }

  /** The invoked address. */
  public Address self() {
    return self;
  }

  /** The sender of the input, or null (from an ingress, or an async result). */
  public Address caller() {
    return caller;
  }

  public Object input() {
    return input;
  }

  /** Every message sent to a function, replies included. */
  public List<Sent> sends() {
    return Collections.unmodifiableList(sends);
  }

  /** The payloads sent to {@code to}, in order. */
  public List<Object> sentTo(Address to) {
    List<Object> payloads = new ArrayList<>();
    for (Sent sent : sends) {
      if (sent.to().equals(to)) {
        payloads.add(sent.message());
      }
    }
    return payloads;
  }

  /** The messages sent to functions of {@code type}, in order. */
  public List<Sent> sentTo(FunctionType type) {
    List<Sent> matching = new ArrayList<>();
    for (Sent sent : sends) {
      if (sent.to().type().equals(type)) {
        matching.add(sent);
      }
    }
    return matching;
  }

  /** The payloads sent with {@code reply} (they are among {@link #sends()} too). */
  public List<Object> replies() {
    return Collections.unmodifiableList(replies);
  }

  public List<DelayedSend> delayedSends() {
    return Collections.unmodifiableList(delayedSends);
  }

  /** The tokens passed to {@code cancelDelayedMessage}, known or not. */
  public List<String> cancellations() {
    return Collections.unmodifiableList(cancellations);
  }

  /** Every egress record, of every egress. */
  public List<EgressRecord> egressRecords() {
    return Collections.unmodifiableList(egressRecords);
  }

  /** The records sent to {@code egress}, in order. */
  public <T> List<T> egress(EgressIdentifier<T> egress) {
    return Records.of(egressRecords, egress);
  }

  public List<AsyncOperation<?, ?>> asyncOperations() {
    return Collections.unmodifiableList(asyncOperations);
  }

  /** True if the invocation sent, scheduled, cancelled, emitted and registered nothing. */
  public boolean hasNoEffects() {
    return sends.isEmpty()
        && delayedSends.isEmpty()
        && cancellations.isEmpty()
        && egressRecords.isEmpty()
        && asyncOperations.isEmpty();
  }

  @Override
  public String toString() {
    return "Invocation{self="
        + self
        + ", caller="
        + caller
        + ", input="
        + input
        + ", sends="
        + sends
        + ", delayedSends="
        + delayedSends
        + ", cancellations="
        + cancellations
        + ", egressRecords="
        + egressRecords
        + ", asyncOperations="
        + asyncOperations
        + '}';
  }
}
