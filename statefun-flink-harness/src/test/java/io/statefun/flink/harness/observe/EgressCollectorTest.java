package io.statefun.flink.harness.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.sdk.io.EgressIdentifier;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EgressCollectorTest {
  private final EgressCollector<String> collector =
      new EgressCollector<>(new EgressIdentifier<>("t", "out", String.class));

  @Test
  void recordsCountOnlyOnceTheirBatchIsCommitted() {
    collector.written("a");
    collector.written("b");
    collector.stage("run/0#0/0", List.of("a", "b"));

    assertThat(collector.committed()).isEmpty();
    collector.commit("run/0#0/0");
    assertThat(collector.committed()).containsExactly("a", "b");
  }

  @Test
  void aBatchCommittedAgainAfterARestoreCountsOnce() {
    collector.stage("run/0#0/0", List.of("a"));
    collector.commit("run/0#0/0");
    collector.commit("run/0#0/0");

    assertThat(collector.committed()).containsExactly("a");
    assertThat(collector.duplicates()).isEmpty();
  }

  @Test
  void tellsReplaysFromDuplicates() {
    // Attempt 0 wrote a and b; only a's checkpoint completed. Attempt 1 replays b, and a bug
    // emits a again.
    collector.written("a");
    collector.stage("run/0#0/0", List.of("a"));
    collector.commit("run/0#0/0");
    collector.written("b");
    collector.written("b");
    collector.written("a");
    collector.stage("run/0#1/0", List.of("b", "a"));
    collector.commit("run/0#1/0");

    assertThat(collector.duplicates()).isEqualTo(Map.of("a", 2L));
    assertThat(collector.discardedByRestarts()).isEqualTo(Map.of("b", 1L));
    assertThat(collector.written()).hasSize(4);
  }

  @Test
  void aBatchNeverStagedIsAnError() {
    assertThatThrownBy(() -> collector.commit("run/0#0/7"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("t/out")
        .hasMessageContaining("run/0#0/7");
  }
}
