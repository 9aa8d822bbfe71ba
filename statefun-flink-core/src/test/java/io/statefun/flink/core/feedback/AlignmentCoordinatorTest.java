package io.statefun.flink.core.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class AlignmentCoordinatorTest {

  @Test
  void refusesASnapshotOfAJobWithoutAlignedBarriersWithTheReason() {
    AlignmentCoordinator coordinator = new AlignmentCoordinator(() -> false);
    CompletableFuture<byte[]> result = new CompletableFuture<>();

    coordinator.checkpointCoordinator(3, result);

    assertThat(result).isCompletedExceptionally();
    assertThatThrownBy(result::get)
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(BarrierAlignment.refusal(3));
  }

  @Test
  void allowsASnapshotOfAnAlignedJobWithAnEmptyState() throws Exception {
    AlignmentCoordinator coordinator = new AlignmentCoordinator(() -> true);
    CompletableFuture<byte[]> result = new CompletableFuture<>();

    coordinator.checkpointCoordinator(4, result);

    assertThat(result).isCompleted();
    assertThat(result.get()).isEmpty();
  }

  @Test
  void asksForAlignmentAtEverySnapshot() throws Exception {
    AtomicBoolean aligned = new AtomicBoolean(false);
    AlignmentCoordinator coordinator = new AlignmentCoordinator(aligned::get);
    CompletableFuture<byte[]> first = new CompletableFuture<>();
    coordinator.checkpointCoordinator(1, first);

    aligned.set(true);
    CompletableFuture<byte[]> second = new CompletableFuture<>();
    coordinator.checkpointCoordinator(2, second);

    assertThat(first).isCompletedExceptionally();
    assertThat(second.get()).isEmpty();
  }

  @Test
  void toleratesAnyRestoredStateAndNoneAtAll() throws Exception {
    AlignmentCoordinator coordinator = new AlignmentCoordinator(() -> true);

    // None: a savepoint from before the coordinator, or from the State Processor API.
    coordinator.resetToCheckpoint(1, null);
    coordinator.resetToCheckpoint(2, new byte[0]);
    coordinator.resetToCheckpoint(3, new byte[] {1, 2, 3});

    CompletableFuture<byte[]> result = new CompletableFuture<>();
    coordinator.checkpointCoordinator(4, result);
    assertThat(result.get()).isEmpty();
  }
}
