package io.statefun.flink.core.feedback;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The JVM-wide registry of feedback channels. The tail and the function operator of one subtask run
 * in the same slot (a co-location group guarantees it), so they meet here.
 */
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

  /** How many channels are registered; for tests. */
  public int size() {
    return channels.size();
  }
}
