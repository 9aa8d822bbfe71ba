package io.statefun.flink.core.functions;

import io.statefun.sdk.Address;
import org.apache.flink.runtime.state.KeyGroupRange;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;

/** Decides whether an address lives in this subtask: its key group is in the owned range. */
public final class KeyPlacement {
  private final int maxParallelism;
  private final int firstKeyGroup;
  private final int lastKeyGroup;

  public KeyPlacement(KeyGroupRange owned, int maxParallelism) {
    this.maxParallelism = maxParallelism;
    this.firstKeyGroup = owned.getStartKeyGroup();
    this.lastKeyGroup = owned.getEndKeyGroup();
  }

  public int keyGroupOf(Address address) {
    return KeyGroupRangeAssignment.assignToKeyGroup(address, maxParallelism);
  }

  public boolean isLocal(Address address) {
    int keyGroup = keyGroupOf(address);
    return keyGroup >= firstKeyGroup && keyGroup <= lastKeyGroup;
  }
}
