package io.statefun.flink.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.flink.harness.HarnessJob;
import io.statefun.flink.state.Workload.Command;
import io.statefun.flink.state.Workload.Looping;
import io.statefun.flink.state.cli.StateInspector;
import io.statefun.flink.state.modify.FeedbackLogNotEmptyException;
import io.statefun.flink.state.modify.SavepointRewriter;
import io.statefun.flink.state.read.FunctionStateReader;
import io.statefun.sdk.Address;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command-line inspector summarises a savepoint (types, addresses, states, sizes, the runtime's
 * own state, the feedback log) and prints one address's values; a savepoint taken while a loop runs
 * has a message in its feedback log, which the inspector reports and the rewriter refuses to drop.
 */
class StateInspectorIT {
  static final Duration TIMEOUT = Duration.ofSeconds(90);

  @TempDir Path directory;

  @BeforeEach
  void reset() {
    Workload.OUTPUT.clear();
  }

  @Test
  void printsTheSummaryAndOneAddressOfAFinishedWorkload() throws Exception {
    String savepoint;
    try (HarnessJob job =
        Jobs.harness("rocksdb")
            .withGeneratedIngress(Workload.COMMANDS, RewriteIT.RUN_A, RewriteIT::commandAt)
            .startAsync()) {
      job.awaitCondition(
          () ->
              RoundTripIT.acks() == RewriteIT.COMMANDS
                  && RewriteIT.delayed(false) == RewriteIT.SCHEDULERS,
          TIMEOUT);
      savepoint = job.stopWithSavepoint(directory.toUri().toString(), SavepointFormatType.NATIVE);
    }

    String output =
        inspect(
            savepoint,
            "--backend",
            "rocksdb",
            "--address",
            "sp/counter/c-1",
            "--config",
            "parallelism.default=1");
    System.out.println(output); // the docs show this output

    int perId = RoundTripIT.COMMANDS / RoundTripIT.IDS;
    int wordEntries =
        Expected.entries(RoundTripIT.COMMANDS, RoundTripIT.IDS, true).stream()
            .filter(e -> e.state().equals("words"))
            .mapToInt(e -> ((java.util.Map<?, ?>) e.value()).size())
            .sum();
    assertThat(output)
        .contains("functions operator (uid statefun-functions): parallelism 2, max parallelism 128")
        .contains("feedback log: empty")
        .contains("function type sp/counter: 12 addresses")
        .contains("function type sp/peer: 5 addresses")
        .containsPattern("\n  count +VALUE +12 addresses +12 entries")
        .containsPattern("\n  history +LIST +12 addresses +" + RoundTripIT.COMMANDS + " entries")
        .containsPattern("\n  words +MAP +12 addresses +" + wordEntries + " entries")
        .containsPattern("\n  by-sender +MAP +5 addresses +")
        .containsPattern("\n  __statefun.delayed.messages +MAP +2 addresses +2 entries")
        .containsPattern("\n  __statefun.delayed.due-times +MAP +2 addresses +2 entries")
        .contains("address sp/counter/c-1:")
        .contains("  sp.counter.count = " + perId)
        .containsPattern("  sp.counter.recent = \\w+ \\(ttl from 20\\d\\d-");
    assertThat(output.lines().filter(l -> l.startsWith("  sp.counter.history = [")))
        .singleElement()
        .satisfies(l -> assertThat(l.split(",")).hasSize(perId));

    // #region read
    FunctionStateReader reader =
        FunctionStateReader.read(
            Jobs.env(), savepoint, StateBackends.of("rocksdb"), Jobs.functions());
    // #endregion read
    Map<Address, Object> counts = new HashMap<>();
    for (int id = 0; id < RoundTripIT.IDS; id++) {
      counts.put(Workload.counter("c-" + id), perId);
    }
    assertThat(reader.values(Workload.COUNTER, "count")).isEqualTo(counts);
    assertThatThrownBy(() -> reader.values(Workload.COUNTER, "visits"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("function type sp/counter declares no state named 'visits'");
  }

  @Test
  void aMessageInFlightInTheLoopIsReportedAndARewriteIsRefused() throws Exception {
    String savepoint;
    // Jobs.harness checkpoints periodically: without that, Flink would run the job at-least-once,
    // the savepoint could log the one message twice, and statefun refuses it (see BarrierAlignment
    // in statefun-flink-core).
    try (HarnessJob job =
        Jobs.harness("hashmap")
            .withGeneratedIngress(Workload.COMMANDS, 1, i -> new Command("l-0", "start"))
            .startAsync()) {
      job.awaitCondition(
          () -> Workload.OUTPUT.stream().anyMatch(r -> r instanceof Looping), TIMEOUT);
      savepoint = job.stopWithSavepoint(directory.toUri().toString());
    }

    // One loop: exactly one message is in flight at any aligned cut.
    assertThat(inspect(savepoint))
        .containsPattern("feedback log: 1 messages in flight, to sp/ponger/l-[01]\n");
    FunctionProviders functions = Jobs.functions();
    assertThatThrownBy(
            () ->
                SavepointRewriter.of(Jobs.env(), savepoint, StateBackends.of("hashmap"))
                    .rewrite(
                        Workload.COUNTER,
                        functions,
                        functions,
                        (FunctionStateEntry e, Collector<FunctionStateEntry> out) -> out.collect(e))
                    .write(directory.resolve("rewritten").toUri().toString()))
        .isInstanceOf(FeedbackLogNotEmptyException.class)
        .hasMessageContaining("holds 1 messages in flight in the feedback loop (to sp/ponger/l-")
        .hasMessageContaining("would drop them");
  }

  @Test
  void badArgumentsPrintTheUsage() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        StateInspector.run(
            new String[] {"/nowhere", "--address", "no-slashes"},
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("--address takes <namespace>/<name>/<id>, but got 'no-slashes'")
        .contains(StateInspector.USAGE);
  }

  private static String inspect(String savepoint, String... options) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String[] args =
        java.util.stream.Stream.concat(List.of(savepoint).stream(), List.of(options).stream())
            .toArray(String[]::new);
    int status =
        StateInspector.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    assertThat(status).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }
}
