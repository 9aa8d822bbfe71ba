package io.statefun.flink.core.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MemoryBudgetTest {

  @Test
  void reservesUpToTheCapacityInclusive() {
    MemoryBudget budget = new MemoryBudget(100);
    assertThat(budget.reserve(60)).isTrue();
    assertThat(budget.reserve(40)).isTrue();
    assertThat(budget.used()).isEqualTo(100);
    assertThat(budget.reserve(1)).isFalse();
    assertThat(budget.used()).as("an exceeding reservation is still accounted").isEqualTo(101);
  }

  @Test
  void releaseMakesRoomAgain() {
    MemoryBudget budget = new MemoryBudget(100);
    budget.reserve(150);
    budget.release(150);
    assertThat(budget.used()).isZero();
    assertThat(budget.reserve(100)).isTrue();
  }

  @Test
  void aZeroBudgetRejectsEveryByte() {
    MemoryBudget budget = new MemoryBudget(0);
    assertThat(budget.reserve(0)).isTrue();
    assertThat(budget.reserve(1)).isFalse();
  }
}
