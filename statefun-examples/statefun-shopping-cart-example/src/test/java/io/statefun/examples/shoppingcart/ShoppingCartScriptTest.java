package io.statefun.examples.shoppingcart;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.examples.shoppingcart.commands.ShopCommand;
import io.statefun.flink.harness.Harness;
import io.statefun.flink.harness.HarnessJob;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shop driven by a script, one step at a time (see {@link SteppedScript}); after each step the
 * test checks exactly what the egresses received.
 */
class ShoppingCartScriptTest {
  private static final ConcurrentLinkedQueue<String> OUTPUT = new ConcurrentLinkedQueue<>();
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(120);

  /**
   * A step: after a pause, commands released together, and what the egresses must receive for them.
   */
  private record Step(Duration pause, List<String> commands, List<String> expected) {
    static Step of(String command, String... expected) {
      return new Step(Duration.ZERO, List.of(command), List.of(expected));
    }

    static Step together(List<String> commands, String... expected) {
      return new Step(Duration.ZERO, commands, List.of(expected));
    }

    static Step after(Duration pause, String command, String... expected) {
      return new Step(pause, List.of(command), List.of(expected));
    }

    /** Nothing is released; the expected output comes from a timeout. */
    static Step awaiting(String... expected) {
      return new Step(Duration.ZERO, List.of(), List.of(expected));
    }
  }

  @AfterEach
  void releaseSources() {
    SteppedScript.releaseAll();
  }

  @ParameterizedTest(name = "parallelism {0}")
  @ValueSource(ints = {1, 2})
  void reservesSellsRestocksAndRefuses(int parallelism) throws Exception {
    List<Step> steps =
        List.of(
            Step.of("add alice apple 2", "cart alice: reserved 2 apple"),
            Step.of("add bob apple 2", "cart bob: cannot reserve 2 apple, 1 available"),
            Step.of("add bob bread 1", "cart bob: reserved 1 bread"),
            Step.of("remove alice apple 1", "cart alice: released 1 apple"),
            Step.of("add bob apple 2", "cart bob: reserved 2 apple"),
            Step.of(
                "checkout bob",
                "receipt bob-1 for bob: 2 apple at 0.50, 1 bread at 2.50; total 3.50"),
            Step.of("add carol apple 1", "cart carol: cannot reserve 1 apple, 0 available"),
            Step.of("restock apple 4", "stock apple: restocked 4, 4 available"),
            Step.of("add carol apple 1", "cart carol: reserved 1 apple"),
            Step.of("remove carol bread 1", "cart carol: has no bread to remove"),
            Step.of("add carol kiwi 1", "cart carol: cannot reserve 1 kiwi, 0 available"),
            Step.of("restock kiwi 3", "stock kiwi: not in the catalog, restock ignored"),
            Step.of("checkout dave", "cart dave: nothing to check out"),
            Step.of("checkout alice", "receipt alice-1 for alice: 1 apple at 0.50; total 0.50"),
            Step.of("add alice milk 1", "cart alice: reserved 1 milk"),
            Step.of("checkout alice", "receipt alice-2 for alice: 1 milk at 1.20; total 1.20"),
            Step.of("add bob bread 1", "cart bob: reserved 1 bread"),
            Step.of("add carol bread 1", "cart carol: cannot reserve 1 bread, 0 available"),
            Step.of("remove bob bread 5", "cart bob: released 1 bread"),
            Step.of("add carol bread 1", "cart carol: reserved 1 bread"),
            // Released together: erin's checkout waits in her cart until the reservation is
            // answered, so it includes the apple. Both of erin's commands sit on even positions,
            // so they come from the same source split, in order, at parallelism 2 too.
            Step.together(
                List.of("add erin apple 1", "add frank bread 1", "checkout erin"),
                "cart erin: reserved 1 apple",
                "cart frank: cannot reserve 1 bread, 0 available",
                "receipt erin-1 for erin: 1 apple at 0.50; total 0.50"));
    assertThat(positionOf(steps, "add erin apple 1") % 2).isZero();

    runScript(
        parallelism,
        "apple:50:3,bread:250:2,milk:120:1",
        Duration.ofMinutes(10),
        steps,
        Duration.ofSeconds(1));
  }

  @Test
  void abandonedCartsReleaseTheirReservationsAfterTheTimeout() throws Exception {
    // Dave's second add, a second after his first, must reach his cart before the first add's
    // timeout: the three seconds between leave room for a slow machine's delays.
    Duration timeout = Duration.ofSeconds(4);
    List<Step> steps =
        List.of(
            Step.of("add carol milk 1", "cart carol: reserved 1 milk"),
            Step.of("add dave milk 1", "cart dave: cannot reserve 1 milk, 0 available"),
            Step.awaiting("cart carol: abandoned, released 1 milk"),
            Step.of("add dave milk 1", "cart dave: reserved 1 milk"),
            Step.after(Duration.ofSeconds(1), "add dave bread 1", "cart dave: reserved 1 bread"),
            Step.awaiting("cart dave: abandoned, released 1 bread, 1 milk"),
            Step.of("add erin bread 2", "cart erin: reserved 2 bread"),
            Step.of("checkout erin", "receipt erin-1 for erin: 2 bread at 2.50; total 5.00"));

    // Afterwards, twice the timeout: erin's checked-out cart must not expire.
    long[] releasedAt =
        runScript(2, "milk:120:1,bread:250:5", timeout, steps, timeout.multipliedBy(2));

    // A cart expires no sooner than the timeout after its last change: carol's after step 0;
    // dave's after step 4, which came a second after step 3.
    assertThat(releasedAt[2] - releasedAt[0]).isGreaterThanOrEqualTo(timeout.toNanos());
    assertThat(releasedAt[5] - releasedAt[4]).isGreaterThanOrEqualTo(timeout.toNanos());
    assertThat(releasedAt[4] - releasedAt[3])
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1).toNanos());
  }

  /**
   * Runs the steps in order, checking each step's output exactly, then checks that nothing else
   * arrives for {@code quiet}. Returns, per step, when it was released ({@link System#nanoTime()}),
   * or for an awaiting step, when its output was complete.
   */
  private long[] runScript(
      int parallelism, String catalog, Duration cartTimeout, List<Step> steps, Duration quiet)
      throws Exception {
    List<ShopCommand> commands = new ArrayList<>();
    for (Step step : steps) {
      step.commands().forEach(line -> commands.add(ShopCommand.parse(line)));
    }
    SteppedScript.start(commands);
    OUTPUT.clear();
    Harness harness =
        new Harness()
            .withParallelism(parallelism)
            .withConfiguration("statefun.module.global-config.catalog", catalog)
            .withConfiguration(
                "statefun.module.global-config." + ShoppingCartModule.CART_TIMEOUT_KEY,
                Long.toString(cartTimeout.toMillis()))
            .withGeneratedIngress(ShopIO.COMMANDS, commands.size(), SteppedScript.generator())
            .withConsumingEgress(ShopIO.RECEIPTS, receipt -> OUTPUT.add(receipt.toString()))
            .withConsumingEgress(ShopIO.EVENTS, event -> OUTPUT.add(event.toString()));
    long[] times = new long[steps.size()];
    try (HarnessJob job = harness.startAsync()) {
      for (int i = 0; i < steps.size(); i++) {
        Step step = steps.get(i);
        Thread.sleep(step.pause().toMillis());
        long released = System.nanoTime();
        step.commands().forEach(command -> SteppedScript.releaseNext());
        times[i] = released;
        List<String> received = awaitOutputs(job, step.expected().size());
        assertThat(received)
            .as("output of step %d %s", i, step)
            .containsExactlyInAnyOrderElementsOf(step.expected());
        if (step.commands().isEmpty()) {
          times[i] = System.nanoTime();
        }
      }
      Thread.sleep(quiet.toMillis());
      assertThat(OUTPUT).as("output after the last step").isEmpty();
    }
    return times;
  }

  private static List<String> awaitOutputs(HarnessJob job, int count) throws Exception {
    List<String> received = new ArrayList<>();
    job.awaitCondition(
        () -> {
          for (String output = OUTPUT.poll(); output != null; output = OUTPUT.poll()) {
            received.add(output);
          }
          return received.size() >= count;
        },
        STEP_TIMEOUT);
    return received;
  }

  private static int positionOf(List<Step> steps, String command) {
    List<String> all = new ArrayList<>();
    steps.forEach(step -> all.addAll(step.commands()));
    return all.indexOf(command);
  }
}
