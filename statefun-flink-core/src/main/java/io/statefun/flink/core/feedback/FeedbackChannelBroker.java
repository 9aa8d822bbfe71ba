package io.statefun.flink.core.feedback;

import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.annotation.Internal;

/**
 * The JVM-wide registry of feedback channels. The tail and the function operator of one subtask run
 * in the same slot (a co-location group guarantees it), so they meet here. Each side takes its
 * subtask's entry out when its task ends, so no entry outlives the attempt that created it.
 *
 * <p>This is the runtime's only JVM-wide mutable state: two tasks can meet only through it.
 */
@Internal
public final class FeedbackChannelBroker {
  private static final FeedbackChannelBroker INSTANCE = new FeedbackChannelBroker();

  private final ConcurrentHashMap<FeedbackKey, FeedbackChannel<?>> channels =
      new ConcurrentHashMap<>();

  public static FeedbackChannelBroker get() {
    return INSTANCE;
  }

  /** The channel of {@code key}, created by whichever side asks first. */
  @SuppressWarnings("unchecked")
  public <T> FeedbackChannel<T> channel(FeedbackKey key) {
    return (FeedbackChannel<T>) channels.computeIfAbsent(key, k -> new FeedbackChannel<>());
  }

  /** Closes and forgets the channel of {@code key}. */
  public void remove(FeedbackKey key) {
    FeedbackChannel<?> channel = channels.remove(key);
    if (channel != null) {
      channel.close();
    }
  }

  /**
   * Forgets the channel of {@code key} without closing it: the tail's side, whose task may end
   * while the function operator still drains what it put.
   */
  public void release(FeedbackKey key) {
    channels.remove(key);
  }

  /** How many channels are registered; for tests. */
  public int size() {
    return channels.size();
  }
}
