package io.statefun.benchmarks;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** The CLI's options: {@code --workload W --backend B --n N --k K [--loops L --hops H] ...}. */
record BenchmarkOptions(
    String workload,
    String backend,
    long n,
    int k,
    int loops,
    int hops,
    int parallelism,
    Duration checkpointInterval,
    Map<String, String> configuration) {

  static BenchmarkOptions parse(String[] args) {
    Map<String, String> values = new HashMap<>();
    Map<String, String> configuration = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --option value pairs, got: " + args[i]);
      }
      String option = args[i].substring(2);
      String value = args[++i];
      if (option.equals("config")) {
        int equals = value.indexOf('=');
        if (equals <= 0) {
          throw new IllegalArgumentException("--config expects key=value, got: " + value);
        }
        configuration.put(value.substring(0, equals), value.substring(equals + 1));
      } else {
        values.put(option, value);
      }
    }
    String workload = values.getOrDefault("workload", "W1");
    if (!Workloads.NAMES.contains(workload)) {
      throw new IllegalArgumentException(
          "--workload must be one of " + Workloads.NAMES + ", but was " + workload);
    }
    String backend = values.getOrDefault("backend", "hashmap");
    if (!backend.equals("hashmap") && !backend.equals("rocksdb")) {
      throw new IllegalArgumentException("--backend must be hashmap or rocksdb: " + backend);
    }
    boolean latency = workload.equals("W4");
    return new BenchmarkOptions(
        workload,
        backend,
        Long.parseLong(values.getOrDefault("n", workload.equals("W2") ? "1000000" : "2000000")),
        Integer.parseInt(values.getOrDefault("k", "100000")),
        Integer.parseInt(values.getOrDefault("loops", latency ? "100" : "1000")),
        Integer.parseInt(values.getOrDefault("hops", "1000")),
        Integer.parseInt(values.getOrDefault("parallelism", "2")),
        Duration.parse("PT" + values.getOrDefault("checkpoint-interval", "1s").toUpperCase()),
        configuration);
  }
}
