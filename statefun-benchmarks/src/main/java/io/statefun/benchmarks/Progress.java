package io.statefun.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts egress records (to know when the run is complete) and work units, events or hops (in this
 * JVM: the MiniCluster runs here), and stamps the times at which 20 % and 90 % of the expected
 * units were done; the rate is taken between the two, so start-up and warm-up stay out of it. Also
 * collects hop latencies for the latency workload.
 */
final class Progress {
  static final AtomicLong EGRESS = new AtomicLong();
  static final AtomicLong UNITS = new AtomicLong();
  static volatile long expected;
  static volatile long expectedUnits;
  static volatile long at20Nanos;
  static volatile long at90Nanos;
  static volatile long at20CpuNanos;
  static volatile long at90CpuNanos;

  static long[] latenciesMicros = new long[0];
  static final AtomicInteger LATENCY_COUNT = new AtomicInteger();

  private Progress() {}

  static void reset(long expectedEgress, long expectedWorkUnits, int latencySlots) {
    EGRESS.set(0);
    UNITS.set(0);
    expected = expectedEgress;
    expectedUnits = expectedWorkUnits;
    at20Nanos = 0;
    at90Nanos = 0;
    at20CpuNanos = 0;
    at90CpuNanos = 0;
    latenciesMicros = new long[latencySlots];
    LATENCY_COUNT.set(0);
  }

  static void egress() {
    EGRESS.incrementAndGet();
  }

  /** Adds {@code n} finished units; callers batch them to keep this off the per-hop path. */
  static void units(long n) {
    long before = UNITS.getAndAdd(n);
    long after = before + n;
    long at20 = (long) (expectedUnits * 0.2);
    long at90 = (long) (expectedUnits * 0.9);
    if (before < at20 && after >= at20) {
      at20CpuNanos = processCpuNanos();
      at20Nanos = System.nanoTime();
    }
    if (before < at90 && after >= at90) {
      at90Nanos = System.nanoTime();
      at90CpuNanos = processCpuNanos();
    }
  }

  /** Records a hop's latency if it falls in the measured window (20 % to 90 % of the units). */
  static void latency(long micros) {
    if (at20Nanos == 0 || at90Nanos != 0) {
      return;
    }
    int slot = LATENCY_COUNT.getAndIncrement();
    long[] slots = latenciesMicros;
    if (slot < slots.length) {
      slots[slot] = micros;
    }
  }

  /** CPU time of the whole JVM (all threads), or -1 where the platform does not report it. */
  static long processCpuNanos() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean
        ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime()
        : -1;
  }

  static boolean done() {
    return EGRESS.get() >= expected;
  }
}
