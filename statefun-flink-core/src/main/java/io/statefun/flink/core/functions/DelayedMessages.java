package io.statefun.flink.core.functions;

import io.statefun.flink.core.message.Message;
import java.util.UUID;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.streaming.api.operators.InternalTimerService;

/**
 * Messages sent with {@code sendAfter}, held in the sender's keyed state until a keyed
 * processing-time timer fires them. Each pending message has its own timer, namespaced by the
 * message's key, so cancelling deletes exactly that timer. Both state and timers are checkpointed
 * with the sender's key, so pending messages survive failures, savepoints and rescaling. Every
 * method expects the sender to be the current key.
 */
public final class DelayedMessages {
  // Public for offline state tools, which rebuild the timers from the due times.
  public static final String MESSAGES_STATE = "__statefun.delayed.messages";
  public static final String DUE_TIMES_STATE = "__statefun.delayed.due-times";
  public static final String TIMER_SERVICE = "statefun-delayed-messages";

  private static final String TOKEN_PREFIX = "t:";
  private static final String ANONYMOUS_PREFIX = "a:";

  private final MapState<String, Message> messages;
  private final MapState<String, Long> dueTimes;
  private final InternalTimerService<String> timers;
  private long pending;

  DelayedMessages(
      MapState<String, Message> messages,
      MapState<String, Long> dueTimes,
      InternalTimerService<String> timers)
      throws Exception {
    this.messages = messages;
    this.dueTimes = dueTimes;
    this.timers = timers;
    timers.forEachProcessingTimeTimer((key, time) -> pending++);
  }

  /**
   * @throws IllegalArgumentException naming the token if the sender has a message pending under it
   */
  void schedule(Message message, long delayMillis, String token) throws Exception {
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
  }

  /** Cancels the sender's message pending under {@code token}; unknown tokens are ignored. */
  void cancel(String token) throws Exception {
    String key = TOKEN_PREFIX + token;
    Long due = dueTimes.get(key);
    if (due == null) {
      return;
    }
    timers.deleteProcessingTimeTimer(key, due);
    messages.remove(key);
    dueTimes.remove(key);
    pending--;
  }

  /** Removes and returns the message whose timer fired, or null if it was cancelled. */
  Message fire(String key) throws Exception {
    Message message = messages.get(key);
    if (message != null) {
      messages.remove(key);
      dueTimes.remove(key);
      pending--;
    }
    return message;
  }

  long pending() {
    return pending;
  }
}
