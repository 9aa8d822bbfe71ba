package io.statefun.flink.core.feedback;

import static io.statefun.flink.core.feedback.LogTestSupport.closeAndGetHandle;
import static io.statefun.flink.core.feedback.LogTestSupport.fileCount;
import static io.statefun.flink.core.feedback.LogTestSupport.header;
import static io.statefun.flink.core.feedback.LogTestSupport.leased;
import static io.statefun.flink.core.feedback.LogTestSupport.memoryStream;
import static io.statefun.flink.core.feedback.LogTestSupport.released;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.runtime.state.KeyGroupRange;
import org.apache.flink.runtime.state.KeyGroupsStateHandle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One checkpoint's log: memory accounting, spilling, the lease, and the raw bytes it writes. */
class CheckpointLogTest {
  private static final KeyGroupRange RANGE = KeyGroupRange.of(2, 5);

  @TempDir File spillDir;

  private static byte[] record(int size, int fill) {
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) (fill + i);
    }
    return bytes;
  }

  /** The raw bytes after the header of {@code keyGroup}, {@code length} of them. */
  private static byte[] body(KeyGroupsStateHandle handle, int keyGroup, int length)
      throws IOException {
    try (FSDataInputStream in = handle.openInputStream()) {
      in.seek(handle.getOffsetForKeyGroup(keyGroup) + 12);
      byte[] bytes = new byte[length];
      new DataInputViewStreamWrapper((InputStream) in).readFully(bytes);
      return bytes;
    }
  }

  @Test
  void holdsALeaseUntilCommitted() throws IOException {
    RawKeyedStream out = memoryStream(RANGE);
    CheckpointLog log = new CheckpointLog(1, out.out(), RANGE, new MemoryBudget(1024), spillDir);
    assertThat(leased(out)).isTrue();

    log.commit();

    assertThat(released(out)).isTrue();
    assertThat(closeAndGetHandle(out)).isNotNull();
  }

  @Test
  void holdsALeaseUntilAbandoned() throws IOException {
    RawKeyedStream out = memoryStream(RANGE);
    CheckpointLog log = new CheckpointLog(1, out.out(), RANGE, new MemoryBudget(1024), spillDir);
    log.append(3, record(10, 0), 10);

    log.abandon();

    assertThat(released(out)).isTrue();
    assertThat(closeAndGetHandle(out)).isNull();
  }

  @Test
  void accountsInMemoryBytesAgainstTheSharedBudget() throws IOException {
    MemoryBudget budget = new MemoryBudget(100);
    RawKeyedStream out1 = memoryStream(RANGE);
    RawKeyedStream out2 = memoryStream(RANGE);
    CheckpointLog log1 = new CheckpointLog(1, out1.out(), RANGE, budget, spillDir);
    CheckpointLog log2 = new CheckpointLog(2, out2.out(), RANGE, budget, spillDir);

    log1.append(2, record(40, 0), 40);
    log2.append(5, record(40, 1), 40);
    assertThat(budget.used()).isEqualTo(80);
    assertThat(fileCount(spillDir)).isZero();

    // log 2 exceeds the shared budget: it spills what it holds, log 1 keeps its memory
    log2.append(4, record(30, 2), 30);
    assertThat(log2.spilledBytes()).isEqualTo(70);
    assertThat(log1.spilledBytes()).isZero();
    assertThat(budget.used()).isEqualTo(40);
    assertThat(fileCount(spillDir)).isEqualTo(1);

    log1.commit();
    assertThat(budget.used()).isZero();
    log2.append(4, record(5, 3), 5);
    assertThat(budget.used()).isEqualTo(5);
    log2.abandon();
    assertThat(budget.used()).isZero();
    assertThat(fileCount(spillDir)).isZero();
    assertThat(log1.records()).isEqualTo(1);
    assertThat(log2.records()).isEqualTo(3);
  }

  @Test
  void aRecordThatFitsExactlyStaysInMemory() throws IOException {
    MemoryBudget budget = new MemoryBudget(50);
    CheckpointLog log = new CheckpointLog(1, memoryStream(RANGE).out(), RANGE, budget, spillDir);
    log.append(2, record(50, 0), 50);
    assertThat(log.spilledBytes()).isZero();
    log.append(2, record(1, 0), 1);
    assertThat(log.spilledBytes()).isEqualTo(51);
    assertThat(budget.used()).isZero();
    log.abandon();
  }

  @Test
  void writesSpilledSegmentsThenTheMemoryTailPerKeyGroup() throws IOException {
    MemoryBudget budget = new MemoryBudget(25);
    RawKeyedStream out = memoryStream(RANGE);
    CheckpointLog log = new CheckpointLog(7, out.out(), RANGE, budget, spillDir);
    // key group 3: a b c d, key group 5: e f; spills happen after c (a b e c) and after f (d f)
    byte[] a = record(10, 10);
    byte[] b = record(10, 20);
    byte[] c = record(10, 30);
    byte[] d = record(10, 40);
    byte[] e = record(3, 50);
    byte[] f = record(20, 60);
    byte[] g = record(4, 70);
    log.append(3, a, 10);
    log.append(3, b, 10);
    log.append(5, e, 3);
    log.append(3, c, 10);
    log.append(3, d, 10);
    log.append(5, f, 20);
    log.append(3, g, 4);
    assertThat(log.spilledBytes()).isEqualTo(63);
    assertThat(budget.used()).isEqualTo(4);
    // appending passes only the first length bytes
    log.append(5, record(9, 80), 2);

    log.commit();
    assertThat(fileCount(spillDir)).isZero();
    KeyGroupsStateHandle handle = closeAndGetHandle(out);

    assertThat(header(handle, 2)).containsExactly(LogFormat.MAGIC, LogFormat.VERSION, 0);
    assertThat(header(handle, 3)).containsExactly(LogFormat.MAGIC, LogFormat.VERSION, 5);
    assertThat(header(handle, 4)).containsExactly(LogFormat.MAGIC, LogFormat.VERSION, 0);
    assertThat(header(handle, 5)).containsExactly(LogFormat.MAGIC, LogFormat.VERSION, 3);
    assertThat(body(handle, 3, 44)).isEqualTo(concat(a, b, c, d, g));
    assertThat(body(handle, 5, 25)).isEqualTo(concat(e, f, new byte[] {80, 81}));
    assertThat(handle.getOffsetForKeyGroup(4) - handle.getOffsetForKeyGroup(3)).isEqualTo(12 + 44);
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] all = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return all;
  }
}
