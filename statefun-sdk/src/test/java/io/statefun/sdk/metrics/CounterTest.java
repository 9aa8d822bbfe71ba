package io.statefun.sdk.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CounterTest {

  private static final class SummingCounter implements Counter {
    long count;

    @Override
    public void inc(long amount) {
      count += amount;
    }

    @Override
    public void dec(long amount) {
      count -= amount;
    }
  }

  @Test
  void incAndDecWithoutAmountCountByOne() {
    SummingCounter counter = new SummingCounter();

    counter.inc();
    counter.inc();
    counter.dec();

    assertThat(counter.count).isEqualTo(1);
  }
}
