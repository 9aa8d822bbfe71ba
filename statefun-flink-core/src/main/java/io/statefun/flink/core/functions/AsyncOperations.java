package io.statefun.flink.core.functions;

import io.statefun.flink.core.failure.UndoLog;
import io.statefun.flink.core.message.Message;
import io.statefun.flink.core.message.MessageSerializer;
import io.statefun.flink.core.message.MessageTypeInfo;
import io.statefun.flink.core.state.KeyedStateFactory;
import io.statefun.sdk.Address;
import io.statefun.sdk.AsyncOperationResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.operators.KeyContext;
import org.apache.flink.util.FlinkRuntimeException;

/**
 * Async operations in flight. Each is recorded in its owner's keyed state (as a message carrying
 * the metadata) until it completes, so a restore finds every operation that was in flight at the
 * checkpoint and reports it as UNKNOWN. A future completes on any thread; its completion is handed
 * to the mailbox, which re-invokes the owner with the result. At most {@code maxPerTask} operations
 * are in flight: input waits while the limit is reached. Task thread only.
 */
final class AsyncOperations {
  static final String STATE = "__statefun.async.in-flight";
  static final String IN_FLIGHT_METRIC = "asyncOperationsInFlight";

  private final MapState<Long, Message> inFlightState;
  private final KeyContext keys;
  private final LocalDelivery local;
  private final MailboxExecutor mailbox;
  private final int maxPerTask;
  private final CountsByType inFlightByType;
  private final MessageCounts counts;
  private final DataOutputSerializer scratch = new DataOutputSerializer(64);
  private MessageSerializer serializer;
  private long nextId;
  private int inFlight;

  /** Null unless some function type has the dead-letter policy. */
  private UndoLog undo;

  /** Operations whose registering invocation failed: their completion is ignored. */
  private final Set<Long> discarded = new HashSet<>();

  AsyncOperations(
      KeyedStateFactory states,
      MessageTypeInfo messageType,
      MessageSerializer serializer,
      KeyContext keys,
      LocalDelivery local,
      MailboxExecutor mailbox,
      int maxPerTask,
      CountsByType inFlightByType,
      MessageCounts counts)
      throws Exception {
    this.inFlightState = states.create(new MapStateDescriptor<>(STATE, Types.LONG, messageType));
    this.serializer = serializer;
    this.keys = keys;
    this.local = local;
    this.mailbox = mailbox;
    this.maxPerTask = maxPerTask;
    this.inFlightByType = inFlightByType;
    this.counts = counts;
  }

  /** Records registrations in {@code undo} while it records. */
  void undoWith(UndoLog undo) {
    this.undo = undo;
  }

  /**
   * Records an operation of {@code owner}, the current key, and re-invokes it when the future
   * completes.
   *
   * @throws IllegalArgumentException naming the metadata class and owner if the metadata cannot be
   *     serialized (it would fail the next checkpoint otherwise)
   */
  void register(Address owner, Object metadata, CompletableFuture<?> future) {
    long id;
    try {
      id = record(owner, metadata);
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (Exception e) {
      throw new FlinkRuntimeException("cannot record an async operation of " + owner, e);
    }
    if (undo != null && undo.recording()) {
      undo.add(() -> discard(owner, id));
    }
    future.whenComplete(
        (value, failure) -> {
          try {
            mailbox.execute(
                () -> complete(owner, id, metadata, value, failure), "statefun-async-completion");
          } catch (RejectedExecutionException e) {
            // This attempt is shutting down; a restore reports the operation as UNKNOWN.
          }
        });
  }

  private long record(Address owner, Object metadata) throws Exception {
    Message record = new Message(null, owner, metadata);
    scratch.clear();
    try {
      serializer.serialize(record, scratch);
    } catch (Exception e) {
      // A serializer that failed midway (Kryo keeps a half-written buffer) is not reused.
      serializer = (MessageSerializer) serializer.duplicate();
      throw new IllegalArgumentException(
          owner
              + " registered an async operation whose metadata of class "
              + (metadata == null ? "null" : metadata.getClass().getName())
              + " cannot be serialized: "
              + e.getMessage(),
          e);
    }
    long id = nextId++;
    inFlightState.put(id, record);
    inFlight++;
    inFlightByType.increment(owner.type());
    return id;
  }

  private void discard(Address owner, long id) {
    try {
      inFlightState.remove(id);
    } catch (Exception e) {
      throw new FlinkRuntimeException("cannot undo an async operation", e);
    }
    inFlight--;
    inFlightByType.decrement(owner.type());
    discarded.add(id);
  }

  private void complete(Address owner, long id, Object metadata, Object value, Throwable failure)
      throws Exception {
    if (!discarded.isEmpty() && discarded.remove(id)) {
      return; // registered by an invocation that failed and was undone
    }
    keys.setCurrentKey(owner);
    inFlightState.remove(id);
    counts.accepted(); // the completion, before the operation stops counting as in flight
    inFlight--;
    inFlightByType.decrement(owner.type());
    Object result =
        failure == null
            ? AsyncOperationResult.success(metadata, value)
            : AsyncOperationResult.failure(metadata, unwrap(failure));
    local.invoke(new Message(null, owner, result));
    local.drain();
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause()
        : failure;
  }

  /**
   * Reports every operation in flight at the restored checkpoint to its owner as UNKNOWN. Runs
   * before any invocation can register new operations, which the scan would otherwise also find.
   */
  void reportRestoredAsUnknown(KeyedStateBackend<Address> backend) throws Exception {
    List<Address> owners;
    try (Stream<Address> stored = backend.getKeys(STATE, VoidNamespace.INSTANCE)) {
      owners = stored.collect(Collectors.toList());
    }
    for (Address owner : owners) {
      keys.setCurrentKey(owner);
      for (Object metadata : takeRestored()) {
        counts.accepted();
        local.invokeAt(new Message(null, owner, AsyncOperationResult.unknown(metadata)));
      }
    }
  }

  /** Removes and returns the metadata of every operation the current key had in flight. */
  private List<Object> takeRestored() throws Exception {
    List<Object> metadata = new ArrayList<>();
    Iterable<Map.Entry<Long, Message>> entries = inFlightState.entries();
    if (entries != null) {
      for (Map.Entry<Long, Message> entry : entries) {
        metadata.add(entry.getValue().payload());
      }
    }
    inFlightState.clear();
    return metadata;
  }

  /**
   * Waits, running mails (completions among them), while the limit of operations is reached.
   *
   * @return whether it waited: other mails may then have changed the current key
   */
  boolean awaitCapacity() throws InterruptedException {
    if (inFlight < maxPerTask) {
      return false;
    }
    while (inFlight >= maxPerTask) {
      mailbox.yield();
    }
    return true;
  }

  int inFlight() {
    return inFlight;
  }
}
