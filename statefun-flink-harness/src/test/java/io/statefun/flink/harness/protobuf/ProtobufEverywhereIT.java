package io.statefun.flink.harness.protobuf;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Type;
import io.statefun.flink.harness.Harness;
import io.statefun.flink.harness.HarnessJob;
import io.statefun.sdk.io.DeadLetter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Protobuf commands with repeated, nested and {@code Any} fields pass every path with the default
 * settings (the kryo payload serializer, strict serialization): the ingress edge, local and remote
 * sends, protobuf state, a protobuf egress, and delayed messages and async metadata that are
 * pending at a stop-with-savepoint and come back in the job restored from it at another
 * parallelism.
 */
class ProtobufEverywhereIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final int COMMANDS = 16;

  private static final Queue<Type> OUT = new ConcurrentLinkedQueue<>();
  private static final Queue<DeadLetter> DEAD_LETTERS = new ConcurrentLinkedQueue<>();

  // The consumer refers to the static queue (a method reference would capture a serialized copy).
  @TempDir Path savepoints;

  @BeforeEach
  void reset() {
    OUT.clear();
    DEAD_LETTERS.clear();
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void commandsTravelAndRestAsProtobufAcrossASavepoint(String backend) throws Exception {
    String savepoint;
    try (HarnessJob job = harness(backend, 2, COMMANDS).startAsync()) {
      job.awaitCondition(() -> of("direct").size() == COMMANDS, TIMEOUT);
      savepoint = job.stopWithSavepoint(savepoints.toUri().toString());
    }
    List<Type> beforeRestore = List.copyOf(OUT);
    assertThat(indices(of("direct"))).containsExactlyInAnyOrderElementsOf(all());
    assertThat(of("UNKNOWN")).as("async operations never complete").isEmpty();

    // The restored generator goes on from where it stopped: one "check" command per relay.
    try (HarnessJob job = harness(backend, 3, 2 * COMMANDS).withSavepoint(savepoint).startAsync()) {
      job.awaitCondition(
          () ->
              of("state").size() == COMMANDS
                  && of("UNKNOWN").size() == COMMANDS
                  && of("delayed").size() == COMMANDS,
          TIMEOUT);
    }
    assertThat(indices(of("delayed")))
        .as("each delayed message exactly once, before or after the restore")
        .containsExactlyInAnyOrderElementsOf(all());
    assertThat(indices(of("UNKNOWN")))
        .as("each async operation in flight at the savepoint, reported with its metadata")
        .containsExactlyInAnyOrderElementsOf(all());
    assertThat(indices(of("state")))
        .as("each relay's protobuf state after the restore")
        .containsExactlyInAnyOrderElementsOf(all());
    assertThat(beforeRestore.stream().filter(c -> ProtobufWorkload.kind(c).equals("state")))
        .isEmpty();
    for (Type record : OUT) {
      assertThat(record)
          .as("content of %s", record.getName())
          .isEqualTo(
              ProtobufWorkload.command(
                  ProtobufWorkload.kind(record), ProtobufWorkload.index(record)));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void aProtobufCommandThatFailsIsADeadLetterWithTheCommand(String backend) throws Exception {
    try (HarnessJob job =
        new Harness()
            .withParallelism(2)
            .withStateBackend(backend)
            .withServiceLoaderModules(false)
            .withModule(new ProtobufWorkload.Module())
            .withConfiguration("statefun.failure.policy", "dead-letter")
            .withGeneratedIngress(
                ProtobufWorkload.COMMANDS,
                4,
                index -> ProtobufWorkload.command(index == 2 ? "poison" : "go", (int) index))
            .withConsumingEgress(ProtobufWorkload.OUT, record -> OUT.add(record))
            .withConsumingEgress(DeadLetter.EGRESS, letter -> DEAD_LETTERS.add(letter))
            .startAsync()) {
      job.awaitCondition(() -> of("direct").size() == 3 && DEAD_LETTERS.size() == 1, TIMEOUT);
    }
    DeadLetter letter = DEAD_LETTERS.peek();
    assertThat(letter.cause()).isEqualTo(DeadLetter.Cause.FUNCTION);
    assertThat(letter.payload()).isEqualTo(ProtobufWorkload.command("poison", 2));
  }

  private static Harness harness(String backend, int parallelism, long count) {
    return new Harness()
        .withParallelism(parallelism)
        .withStateBackend(backend)
        .withCheckpointInterval(Duration.ofMillis(200))
        .withServiceLoaderModules(false)
        .withModule(new ProtobufWorkload.Module())
        .withGeneratedIngress(
            ProtobufWorkload.COMMANDS,
            count,
            index ->
                index < COMMANDS
                    ? ProtobufWorkload.command("go", (int) index)
                    : ProtobufWorkload.command("check", (int) (index - COMMANDS)))
        .withConsumingEgress(ProtobufWorkload.OUT, record -> OUT.add(record));
  }

  private static List<Type> of(String kind) {
    return OUT.stream()
        .filter(c -> ProtobufWorkload.kind(c).equals(kind))
        .collect(Collectors.toList());
  }

  private static List<Integer> indices(List<Type> commands) {
    return commands.stream().map(ProtobufWorkload::index).collect(Collectors.toList());
  }

  private static List<Integer> all() {
    return IntStream.range(0, COMMANDS).boxed().collect(Collectors.toList());
  }
}
