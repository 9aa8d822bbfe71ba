package io.statefun.flink.state.cli;

import io.statefun.flink.core.config.StatefulFunctionsConfig;
import io.statefun.flink.core.message.AddressTypeInfo;
import io.statefun.flink.core.message.Message;
import io.statefun.flink.core.message.MessageSerializer;
import io.statefun.flink.core.translation.Uids;
import io.statefun.flink.state.StateBackends;
import io.statefun.flink.state.savepoint.FeedbackLogContents;
import io.statefun.flink.state.savepoint.FunctionsOperatorSnapshot;
import io.statefun.flink.state.savepoint.StoredState;
import io.statefun.flink.state.savepoint.StoredStateReaderFunction;
import io.statefun.flink.state.savepoint.StoredStateRecord;
import io.statefun.sdk.Address;
import io.statefun.sdk.FunctionType;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.state.ttl.TtlValue;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * Prints what a statefun savepoint holds: the function types, their addresses, state names and
 * sizes, the runtime's own state, whether messages were in flight in the feedback loop, and (with
 * {@code --address}) every state of one address. Reads with the serializers the savepoint was
 * written with, so it needs the classes of the stored values on the class path, not the modules.
 */
public final class StateInspector {
  public static final String USAGE =
      "usage: StateInspector <savepoint-path> [--backend hashmap|rocksdb]"
          + " [--address <namespace>/<name>/<id>] [--config <key>=<value>]... | --help";

  private StateInspector() {}

  public static void main(String[] args) throws Exception {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /** Runs the tool; returns the exit status (0 on success, 2 on bad arguments). */
  public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    if (List.of(args).contains("--help")) {
      out.println(USAGE);
      return 0;
    }
    Arguments arguments;
    try {
      arguments = Arguments.parse(args);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.println(USAGE);
      return 2;
    }
    ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
    FunctionsOperatorSnapshot snapshot =
        FunctionsOperatorSnapshot.load(arguments.savepoint, classLoader);
    out.println("savepoint " + arguments.savepoint);
    out.printf(
        "functions operator (uid %s): parallelism %d, max parallelism %d, keyed state %d bytes%n",
        Uids.FUNCTIONS, snapshot.parallelism(), snapshot.maxParallelism(), snapshot.managedBytes());
    out.println("feedback log: " + feedbackLog(snapshot, arguments.config, classLoader));

    List<StoredStateRecord> records = readAll(snapshot, arguments);
    SavepointSummary summary = new SavepointSummary(snapshot.states(), records);
    summary.types.forEach(
        (type, counts) -> {
          out.printf("function type %s: %d addresses%n", type, counts.addresses.size());
          counts.states.forEach((name, state) -> printCounts(out, name, state));
        });
    if (!summary.runtime.isEmpty()) {
      out.println("runtime state:");
      summary.runtime.forEach((name, state) -> printCounts(out, name, state));
    }
    if (arguments.address != null) {
      printAddress(out, arguments.address, snapshot.states(), records);
    }
    return 0;
  }

  private static String feedbackLog(
      FunctionsOperatorSnapshot snapshot, Configuration config, ClassLoader classLoader) {
    try {
      MessageSerializer serializer =
          new MessageSerializer(
              StatefulFunctionsConfig.fromFlinkConfiguration(config, classLoader)
                  .payloadSerializer(),
              new ExecutionConfig().getSerializerConfig());
      FeedbackLogContents log = FeedbackLogContents.read(snapshot, serializer);
      if (log.isEmpty()) {
        return "empty";
      }
      return log.messages().size()
          + " messages in flight, to "
          + log.messages().stream()
              .map(Message::target)
              .distinct()
              .limit(5)
              .map(Object::toString)
              .collect(Collectors.joining(", "));
    } catch (IOException | RuntimeException e) {
      return "cannot be read: " + e.getMessage();
    }
  }

  private static List<StoredStateRecord> readAll(
      FunctionsOperatorSnapshot snapshot, Arguments arguments) throws Exception {
    List<StoredStateRecord> records = new ArrayList<>();
    if (snapshot.states().isEmpty()) {
      return records;
    }
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(arguments.config);
    SavepointReader reader =
        SavepointReader.read(env, arguments.savepoint, StateBackends.of(arguments.backend));
    try (CloseableIterator<StoredStateRecord> it =
        reader
            .readKeyedState(
                OperatorIdentifier.forUid(Uids.FUNCTIONS),
                new StoredStateReaderFunction(new ArrayList<>(snapshot.states().values())),
                AddressTypeInfo.INSTANCE,
                TypeInformation.of(StoredStateRecord.class))
            .executeAndCollect("statefun state inspection")) {
      it.forEachRemaining(records::add);
    }
    return records;
  }

  private static void printCounts(PrintStream out, String name, SavepointSummary.StateCounts c) {
    out.printf(
        "  %-28s %-5s %6d addresses %8d entries %10d bytes%n",
        name, c.kind, c.addresses.size(), c.entries, c.bytes);
  }

  private static void printAddress(
      PrintStream out,
      Address address,
      Map<String, StoredState> states,
      List<StoredStateRecord> records)
      throws IOException {
    List<StoredStateRecord> own =
        records.stream()
            .filter(r -> r.address().equals(address))
            .sorted(Comparator.comparing(StoredStateRecord::state))
            .collect(Collectors.toList());
    out.println("address " + address + (own.isEmpty() ? ": no state" : ":"));
    for (StoredStateRecord record : own) {
      Object contents = states.get(record.state()).deserialize(record.bytes());
      out.println("  " + record.state() + " = " + render(contents));
    }
  }

  /** Values as their {@code toString}; an expiring value with the time it was last written. */
  static String render(Object value) {
    if (value instanceof TtlValue) {
      TtlValue<?> ttl = (TtlValue<?>) value;
      return render(ttl.getUserValue())
          + " (ttl from "
          + Instant.ofEpochMilli(ttl.getLastAccessTimestamp())
          + ")";
    }
    if (value instanceof Map) {
      return ((Map<?, ?>) value)
          .entrySet().stream()
              .map(e -> e.getKey() + "=" + render(e.getValue()))
              .collect(Collectors.joining(", ", "{", "}"));
    }
    if (value instanceof List) {
      return ((List<?>) value)
          .stream().map(StateInspector::render).collect(Collectors.joining(", ", "[", "]"));
    }
    return String.valueOf(value);
  }

  /** The parsed command line. */
  static final class Arguments {
    String savepoint;
    String backend = "hashmap";
    Address address;
    final Configuration config = new Configuration();

    static Arguments parse(String[] args) {
      Arguments parsed = new Arguments();
      // The read runs on a local MiniCluster: keep its listeners on the loopback interface.
      for (String key :
          List.of("jobmanager.bind-host", "taskmanager.bind-host", "taskmanager.host")) {
        parsed.config.setString(key, "127.0.0.1");
      }
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        if (arg.equals("--backend") || arg.equals("--address") || arg.equals("--config")) {
          if (i + 1 == args.length) {
            throw new IllegalArgumentException(arg + " needs a value");
          }
          String value = args[++i];
          if (arg.equals("--backend")) {
            StateBackends.of(value); // validates
            parsed.backend = value;
          } else if (arg.equals("--address")) {
            parsed.address = address(value);
          } else {
            int eq = value.indexOf('=');
            if (eq <= 0) {
              throw new IllegalArgumentException(
                  "--config takes key=value, but got '" + value + "'");
            }
            parsed.config.setString(value.substring(0, eq), value.substring(eq + 1));
          }
        } else if (arg.startsWith("--")) {
          throw new IllegalArgumentException("unknown option " + arg);
        } else if (parsed.savepoint == null) {
          parsed.savepoint = arg;
        } else {
          throw new IllegalArgumentException("more than one savepoint path: " + arg);
        }
      }
      if (parsed.savepoint == null) {
        throw new IllegalArgumentException("no savepoint path given");
      }
      return parsed;
    }

    /** {@code namespace/name/id}; the id may contain '/'. */
    static Address address(String value) {
      int first = value.indexOf('/');
      int second = first < 0 ? -1 : value.indexOf('/', first + 1);
      if (first <= 0 || second <= first + 1 || second == value.length() - 1) {
        throw new IllegalArgumentException(
            "--address takes <namespace>/<name>/<id>, but got '" + value + "'");
      }
      return new Address(
          new FunctionType(value.substring(0, first), value.substring(first + 1, second)),
          value.substring(second + 1));
    }
  }
}
