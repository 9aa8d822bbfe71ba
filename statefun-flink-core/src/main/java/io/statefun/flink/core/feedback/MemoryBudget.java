package io.statefun.flink.core.feedback;

/** Bytes the open feedback logs of one subtask may hold in memory together. Task thread only. */
final class MemoryBudget {
  private final long capacity;
  private long used;

  MemoryBudget(long capacity) {
    this.capacity = capacity;
  }

  /** Accounts for {@code bytes}; returns false when the budget is now exceeded. */
  boolean reserve(long bytes) {
    used += bytes;
    return used <= capacity;
  }

  void release(long bytes) {
    used -= bytes;
  }

  long used() {
    return used;
  }
}
