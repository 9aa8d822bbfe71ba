package io.statefun.flink.core.functions;

import io.statefun.flink.core.failure.UndoLog;
import io.statefun.flink.core.message.Message;
import io.statefun.flink.core.message.MessageTypeInfo;
import io.statefun.flink.core.state.KeyedStateFactory;
import io.statefun.sdk.Address;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Function;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.KeyContext;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.util.FlinkRuntimeException;

/**
 * Messages sent with {@code sendAfter}, held in the sender's keyed state until a keyed
 * processing-time timer fires them. Each pending message has its own timer, namespaced by the
 * message's key, so cancelling deletes exactly that timer. Both state and timers are checkpointed
 * with the sender's key, so pending messages survive failures, savepoints and rescaling. Every
 * method expects the sender to be the current key (Flink makes it so before firing a timer).
 *
 * <p>Public for its names only: offline tools (statefun-flink-state-processor) rebuild the timers
 * of pending messages from their due times when they rewrite a savepoint.
 */
@Internal
public final class DelayedMessages implements Triggerable<Address, String> {
  public static final String MESSAGES_STATE = "__statefun.delayed.messages";
  public static final String DUE_TIMES_STATE = "__statefun.delayed.due-times";
  public static final String TIMER_SERVICE = "statefun-delayed-messages";
  static final String PENDING_METRIC = "delayedMessagesPending";

  private static final String TOKEN_PREFIX = "t:";
  private static final String ANONYMOUS_PREFIX = "a:";

  private final MapState<String, Message> messages;
  private final MapState<String, Long> dueTimes;
  private final InternalTimerService<String> timers;
  private final Outbox outbox;
  private final LocalDelivery local;
  private long pending;

  /** Pending messages by the sender's type (the owner of their timers). */
  private final CountsByType pendingByType;

  /** Null unless some function type has the dead-letter policy. */
  private UndoLog undo;

  /**
   * Checks each payload at the sendAfter call: on a heap backend nothing else would until a
   * checkpoint.
   */
  private SerializationCheck check;

  /**
   * @param timers creates the timer service that fires into the given target
   * @param keys the key context the timer service sets while it visits timers
   * @param pendingByType counts pending messages per sender type
   */
  DelayedMessages(
      KeyedStateFactory states,
      MessageTypeInfo messageType,
      Function<Triggerable<Address, String>, InternalTimerService<String>> timers,
      KeyContext keys,
      Outbox outbox,
      LocalDelivery local,
      CountsByType pendingByType)
      throws Exception {
    this.messages =
        states.create(new MapStateDescriptor<>(MESSAGES_STATE, Types.STRING, messageType));
    this.dueTimes =
        states.create(new MapStateDescriptor<>(DUE_TIMES_STATE, Types.STRING, Types.LONG));
    this.timers = timers.apply(this);
    this.outbox = outbox;
    this.local = local;
    this.pendingByType = pendingByType;
    // Restored timers: the timer service makes each timer's key (the sender) the current key.
    this.timers.forEachProcessingTimeTimer(
        (key, time) -> {
          pending++;
          pendingByType.increment(((Address) keys.getCurrentKey()).type());
        });
  }

  /** Serializes each delayed message at the call; set before the first one. */
  void checkWith(SerializationCheck check) {
    this.check = check;
  }

  /** Records scheduling and cancelling in {@code undo} while it records. */
  void undoWith(UndoLog undo) {
    this.undo = undo;
  }

  /**
   * Holds a message of the current key for {@code delay}.
   *
   * @throws IllegalArgumentException naming the token if the sender has a message pending under it
   */
  void sendAfter(Address from, Duration delay, Address to, Object payload, String token) {
    try {
      Message message = new Message(from, to, payload);
      if (check != null) {
        message = check.roundTrip(message, "sent with sendAfter");
      }
      schedule(message, delay.toMillis(), token);
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (Exception e) {
      throw new FlinkRuntimeException("cannot store a delayed message of " + from, e);
    }
  }

  private void schedule(Message message, long delayMillis, String token) throws Exception {
    String key;
    if (token != null) {
      key = TOKEN_PREFIX + token;
      if (messages.contains(key)) {
        throw new IllegalArgumentException(
            message.source()
                + " already has a delayed message pending with cancellation token '"
                + token
                + "'");
      }
    } else {
      key = ANONYMOUS_PREFIX + UUID.randomUUID();
    }
    long due = timers.currentProcessingTime() + delayMillis;
    messages.put(key, message);
    dueTimes.put(key, due);
    timers.registerProcessingTimeTimer(key, due);
    pending++;
    pendingByType.increment(message.source().type());
    if (undo != null && undo.recording()) {
      Address sender = message.source();
      undo.add(() -> unschedule(sender, key, due));
    }
  }

  private void unschedule(Address sender, String key, long due) {
    try {
      timers.deleteProcessingTimeTimer(key, due);
      messages.remove(key);
      dueTimes.remove(key);
      pending--;
      pendingByType.decrement(sender.type());
    } catch (Exception e) {
      throw new FlinkRuntimeException("cannot undo a delayed message", e);
    }
  }

  /**
   * Cancels the message of the current key pending under {@code token}; unknown ones are ignored.
   */
  void cancel(Address from, String token) {
    try {
      String key = TOKEN_PREFIX + token;
      Long due = dueTimes.get(key);
      if (due == null) {
        return;
      }
      Message message = undo != null && undo.recording() ? messages.get(key) : null;
      timers.deleteProcessingTimeTimer(key, due);
      messages.remove(key);
      dueTimes.remove(key);
      pending--;
      pendingByType.decrement(from.type());
      if (message != null) {
        undo.add(() -> reschedule(key, message, due));
      }
    } catch (Exception e) {
      throw new FlinkRuntimeException("cannot cancel a delayed message of " + from, e);
    }
  }

  private void reschedule(String key, Message message, long due) {
    try {
      messages.put(key, message);
      dueTimes.put(key, due);
      timers.registerProcessingTimeTimer(key, due);
      pending++;
      pendingByType.increment(message.source().type());
    } catch (Exception e) {
      throw new FlinkRuntimeException("cannot undo a cancellation", e);
    }
  }

  /** A message's timer fired: the message is sent now, unless it was cancelled. */
  @Override
  public void onProcessingTime(InternalTimer<Address, String> timer) throws Exception {
    String key = timer.getNamespace();
    Message message = messages.get(key);
    if (message != null) {
      messages.remove(key);
      dueTimes.remove(key);
      // Placed (and so counted as accepted) before it stops counting as pending: a reader of both
      // never misses it.
      outbox.place(message);
      pending--;
      pendingByType.decrement(timer.getKey().type());
      local.drain();
    }
  }

  @Override
  public void onEventTime(InternalTimer<Address, String> timer) {}

  long pending() {
    return pending;
  }
}
