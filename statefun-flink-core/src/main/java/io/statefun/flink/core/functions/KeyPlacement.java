package io.statefun.flink.core.functions;

import io.statefun.sdk.Address;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.runtime.state.KeyGroupRange;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;

/** Decides whether an address lives in this subtask: its key group is in the owned range. */
final class KeyPlacement {
  private final KeyGroupRange owned;
  private final int maxParallelism;
  private final int firstKeyGroup;
  private final int lastKeyGroup;

  public KeyPlacement(KeyGroupRange owned, int maxParallelism) {
    this.owned = owned;
    this.maxParallelism = maxParallelism;
    this.firstKeyGroup = owned.getStartKeyGroup();
    this.lastKeyGroup = owned.getEndKeyGroup();
  }

  /** The placement of the subtask {@code task} describes. */
  public static KeyPlacement of(TaskInfo task) {
    int maxParallelism = task.getMaxNumberOfParallelSubtasks();
    return new KeyPlacement(
        KeyGroupRangeAssignment.computeKeyGroupRangeForOperatorIndex(
            maxParallelism, task.getNumberOfParallelSubtasks(), task.getIndexOfThisSubtask()),
        maxParallelism);
  }

  /** The key groups this subtask owns. */
  public KeyGroupRange owned() {
    return owned;
  }

  public int keyGroupOf(Address address) {
    return KeyGroupRangeAssignment.assignToKeyGroup(address, maxParallelism);
  }

  public boolean isLocal(Address address) {
    int keyGroup = keyGroupOf(address);
    return keyGroup >= firstKeyGroup && keyGroup <= lastKeyGroup;
  }
}
