package io.statefun.testutil;

import io.statefun.sdk.Address;
import io.statefun.sdk.AsyncOperationResult;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.StatefulFunction;
import io.statefun.sdk.StatefulFunctionProvider;
import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.metrics.Metrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Runs one function type without Flink: invoke an address with an input, then look at what the
 * invocation sent, scheduled, cancelled, emitted, registered and replied, and at the state it left.
 *
 * <p>As in the runtime, the provider is asked for one instance, and its {@code @Persisted} state is
 * kept per address: each id sees its own state. Messages the function sends are recorded, not
 * delivered; delayed messages wait for a manual clock ({@link #advanceTime}); async operations wait
 * until the test completes them.
 *
 * <pre>{@code
 * FunctionTestHarness greeter = FunctionTestHarness.forType(GreeterFn.TYPE, t -> new GreeterFn());
 * Invocation first = greeter.invoke("Alice", "Alice");
 * assertThat(first.sends())
 *     .containsExactly(new Sent(new Address(FormatterFn.TYPE, "formatter-Alice"),
 *                               new GreetRequest("Alice", 1)));
 * assertThat(greeter.value("Alice", "visits")).isEqualTo(1);
 * }</pre>
 *
 * <p>Not simulated: state expiration, serialization of payloads and state, and the rollback of a
 * failed invocation's effects (a function that throws leaves what it did before throwing).
 */
public final class FunctionTestHarness {
  private final FunctionType type;
  private final StatefulFunction function;
  private final AddressStates states;
  private final RecordingMetrics metrics = new RecordingMetrics();
  private final DelayedMessages delayed = new DelayedMessages();
  private final List<AsyncOperation<?, ?>> inFlight = new ArrayList<>();
  private final List<Invocation> invocations = new ArrayList<>();
  private final List<Sent> firedToOtherTypes = new ArrayList<>();
  private long nowMillis;
  private long nextAsyncSequence;
  private boolean invoking;

  private FunctionTestHarness(FunctionType type, StatefulFunction function) {
    this.type = type;
    this.function = function;
    this.states = new AddressStates(type);
    PersistedFields.bind(type, function, states);
  }

  /**
   * A harness for {@code type}, with the function instance that {@code provider} makes for it.
   *
   * @throws IllegalArgumentException if an argument is null or the provider returns null
   * @throws IllegalStateException naming the field if a {@code @Persisted} field is null, or two
   *     states share a name
   */
  public static FunctionTestHarness forType(FunctionType type, StatefulFunctionProvider provider) {
    if (type == null || provider == null) {
      throw new IllegalArgumentException("function type and provider must not be null");
    }
    StatefulFunction function = provider.functionOfType(type);
    if (function == null) {
      throw new IllegalArgumentException("the provider of " + type + " returned no function");
    }
    return new FunctionTestHarness(type, function);
  }

  public FunctionType type() {
    return type;
  }

  /** The address of {@code id} under the tested type. */
  public Address address(String id) {
    return new Address(type, id);
  }

  // ---------------------------------------------------------------------------------------------
  // Invoking
  // ---------------------------------------------------------------------------------------------

  /** Invokes {@code id} with {@code input} as if it came from an ingress (no caller). */
  public Invocation invoke(String id, Object input) {
    return invoke(null, id, input);
  }

  /**
   * Invokes {@code id} with {@code input} sent by {@code caller} (null: from an ingress). An
   * exception the function throws is rethrown as it is.
   */
  public Invocation invoke(Address caller, String id, Object input) {
    if (id == null || input == null) {
      throw new IllegalArgumentException("id and input must not be null");
    }
    return deliver(caller, address(id), input);
  }

  private Invocation deliver(Address caller, Address target, Object input) {
    if (invoking) {
      throw new IllegalStateException(
          "invoke called while " + type + " is being invoked; invocations never overlap");
    }
    Invocation invocation = new Invocation(target, caller, input);
    RecordingContext context = new RecordingContext(this, invocation);
    invoking = true;
    states.enter(target);
    try {
      function.invoke(context, input);
    } finally {
      states.leave();
      context.close();
      invoking = false;
    }
    invocations.add(invocation);
    return invocation;
  }

  /** Every completed invocation so far, oldest first. */
  public List<Invocation> invocations() {
    return Collections.unmodifiableList(invocations);
  }

  /** Every message sent by every invocation so far, in order. */
  public List<Sent> sends() {
    List<Sent> all = new ArrayList<>();
    for (Invocation invocation : invocations) {
      all.addAll(invocation.sends());
    }
    return all;
  }

  /** Every record sent to {@code egress} by every invocation so far, in order. */
  public <T> List<T> egress(EgressIdentifier<T> egress) {
    List<EgressRecord> all = new ArrayList<>();
    for (Invocation invocation : invocations) {
      all.addAll(invocation.egressRecords());
    }
    return Records.of(all, egress);
  }

  /** The value of the user counter {@code name} (0 if never used). */
  public long counter(String name) {
    return metrics.count(name);
  }

  // ---------------------------------------------------------------------------------------------
  // The clock and delayed messages
  // ---------------------------------------------------------------------------------------------

  /** How far the manual clock has been advanced since the harness was made. */
  public Duration elapsed() {
    return Duration.ofMillis(nowMillis);
  }

  /**
   * Moves the clock forward by {@code duration}, delivering each delayed message as it comes due
   * (earliest first; those due at the same time in the order they were scheduled). Messages to the
   * tested type invoke it, with the scheduling address as caller; messages to other types are
   * collected in {@link #firedToOtherTypes()}. Messages scheduled by these invocations are
   * delivered too if they come due within the same advance.
   *
   * @return the invocations the due messages caused, in order
   */
  public List<Invocation> advanceTime(Duration duration) {
    if (duration == null || duration.isNegative()) {
      throw new IllegalArgumentException("the clock only moves forward: " + duration);
    }
    long until = Math.addExact(nowMillis, duration.toMillis());
    List<Invocation> caused = new ArrayList<>();
    DelayedMessages.Pending due;
    while ((due = delayed.takeNextDue(until)) != null) {
      nowMillis = Math.max(nowMillis, due.dueMillis());
      DelayedSend send = due.send();
      if (send.to().type().equals(type)) {
        caused.add(deliver(due.sender(), send.to(), send.message()));
      } else {
        firedToOtherTypes.add(new Sent(send.to(), send.message()));
      }
    }
    nowMillis = until;
    return caused;
  }

  /** Delayed messages scheduled and neither delivered nor cancelled, earliest due first. */
  public List<DelayedSend> pendingDelayedSends() {
    List<DelayedSend> sends = new ArrayList<>();
    for (DelayedMessages.Pending pending : delayed.pending()) {
      sends.add(pending.send());
    }
    return sends;
  }

  /** Delayed messages to other function types that came due, in the order they came due. */
  public List<Sent> firedToOtherTypes() {
    return Collections.unmodifiableList(firedToOtherTypes);
  }

  void scheduleDelayed(Address sender, DelayedSend send) {
    delayed.schedule(nowMillis, sender, send);
  }

  void cancelDelayed(Address sender, String token) {
    delayed.cancel(sender, token);
  }

  // ---------------------------------------------------------------------------------------------
  // Async operations
  // ---------------------------------------------------------------------------------------------

  /** Operations registered and whose result has not been delivered, oldest first. */
  public List<AsyncOperation<?, ?>> asyncOperationsInFlight() {
    return Collections.unmodifiableList(new ArrayList<>(inFlight));
  }

  /**
   * Completes the operation's future with {@code value} and invokes its owner with a SUCCESS
   * result.
   *
   * @throws IllegalArgumentException if the operation is not in flight here
   * @throws IllegalStateException if its future is already complete (use {@link
   *     #deliverCompletedAsync()})
   */
  public <T> Invocation completeAsync(AsyncOperation<?, T> operation, T value) {
    requireInFlight(operation);
    if (!operation.future().complete(value)) {
      throw new IllegalStateException(operation + " is already complete");
    }
    return deliverResult(operation);
  }

  /** Completes the operation's future with {@code failure} and delivers a FAILURE result. */
  public Invocation failAsync(AsyncOperation<?, ?> operation, Throwable failure) {
    requireInFlight(operation);
    if (failure == null) {
      throw new IllegalArgumentException("failure must not be null");
    }
    if (!operation.future().completeExceptionally(failure)) {
      throw new IllegalStateException(operation + " is already complete");
    }
    return deliverResult(operation);
  }

  /**
   * Delivers the result of every in-flight operation whose future is complete (for functions that
   * register futures they or the test complete themselves), oldest first.
   */
  public List<Invocation> deliverCompletedAsync() {
    List<Invocation> caused = new ArrayList<>();
    for (AsyncOperation<?, ?> operation : new ArrayList<>(inFlight)) {
      if (operation.future().isDone()) {
        caused.add(deliverResult(operation));
      }
    }
    return caused;
  }

  /**
   * Invokes each in-flight operation's owner with an UNKNOWN result, as after a restore, and
   * forgets the operations (their futures are left as they are).
   */
  public List<Invocation> deliverInFlightAsUnknown() {
    List<Invocation> caused = new ArrayList<>();
    for (AsyncOperation<?, ?> operation : new ArrayList<>(inFlight)) {
      inFlight.remove(operation);
      caused.add(
          deliver(null, operation.owner(), AsyncOperationResult.unknown(operation.metadata())));
    }
    return caused;
  }

  <M, T> AsyncOperation<M, T> registerAsync(
      Address owner, M metadata, CompletableFuture<T> future) {
    AsyncOperation<M, T> operation =
        new AsyncOperation<>(nextAsyncSequence++, owner, metadata, future);
    inFlight.add(operation);
    return operation;
  }

  private Invocation deliverResult(AsyncOperation<?, ?> operation) {
    inFlight.remove(operation);
    return deliver(null, operation.owner(), resultOf(operation));
  }

  private static AsyncOperationResult<?, ?> resultOf(AsyncOperation<?, ?> operation) {
    try {
      return AsyncOperationResult.success(operation.metadata(), operation.future().get());
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof CompletionException && cause.getCause() != null) {
        cause = cause.getCause();
      }
      return AsyncOperationResult.failure(operation.metadata(), cause);
    } catch (java.util.concurrent.CancellationException e) {
      return AsyncOperationResult.failure(operation.metadata(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading a completed future", e);
    }
  }

  private void requireInFlight(AsyncOperation<?, ?> operation) {
    if (operation == null || !inFlight.contains(operation)) {
      throw new IllegalArgumentException(
          operation + " is not in flight in this harness (already delivered, or not registered)");
    }
  }

  Metrics metrics() {
    return metrics;
  }

  // ---------------------------------------------------------------------------------------------
  // State
  // ---------------------------------------------------------------------------------------------

  /**
   * The value state {@code name} of {@code id}, or null if it has none.
   *
   * @throws IllegalArgumentException if the function declares no value state of that name
   */
  public Object value(String id, String name) {
    return states.value(address(id), name);
  }

  /** Like {@link #value(String, String)}, cast to {@code type}. */
  public <T> T value(String id, String name, Class<T> type) {
    return type.cast(value(id, name));
  }

  /** The entries of table state {@code name} of {@code id} (a copy; empty if none). */
  public Map<Object, Object> table(String id, String name) {
    return states.table(address(id), name);
  }

  /** The elements of appending-buffer state {@code name} of {@code id} (a copy). */
  public List<Object> buffer(String id, String name) {
    return states.buffer(address(id), name);
  }

  /**
   * Sets value state {@code name} of {@code id} before an invocation (null clears it).
   *
   * @throws IllegalArgumentException if no such value state is declared or the value has the wrong
   *     type
   */
  public FunctionTestHarness presetValue(String id, String name, Object value) {
    states.presetValue(address(id), name, value);
    return this;
  }

  /** Replaces the entries of table state {@code name} of {@code id}. */
  public FunctionTestHarness presetTable(String id, String name, Map<?, ?> entries) {
    states.presetTable(address(id), name, entries);
    return this;
  }

  /** Replaces the elements of appending-buffer state {@code name} of {@code id}. */
  public FunctionTestHarness presetBuffer(String id, String name, List<?> elements) {
    states.presetBuffer(address(id), name, elements);
    return this;
  }

  /** Forgets all state of {@code id}. */
  public FunctionTestHarness clearState(String id) {
    states.clear(address(id));
    return this;
  }
}
