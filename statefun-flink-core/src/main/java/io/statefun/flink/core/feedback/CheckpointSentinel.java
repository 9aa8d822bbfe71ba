package io.statefun.flink.core.feedback;

import org.apache.flink.annotation.Internal;

/**
 * Put into the channel by the tail when it takes checkpoint {@code n}: every record before it was
 * sent before the checkpoint's cut, every record after it was sent after.
 */
@Internal
public final class CheckpointSentinel {
  private final long checkpointId;

  public CheckpointSentinel(long checkpointId) {
    this.checkpointId = checkpointId;
  }

  public long checkpointId() {
    return checkpointId;
  }

  @Override
  public String toString() {
    return "CheckpointSentinel{" + checkpointId + '}';
  }
}
