#!/usr/bin/env bash
# Runs the benchmark suite of ARCHITECTURE §7: every workload at N and at 5×N, on hashmap and
# RocksDB, three times each (interleaved, so drift of a shared machine hits every workload alike),
# each run in its own JVM with the flags below. Prints every RESULT line as it comes, then a table
# of medians with min–max, and the W1/raw ratio of each round.
#
#   statefun-benchmarks/run-suite.sh [rounds] [backends]     e.g. run-suite.sh 3 "hashmap rocksdb"
set -euo pipefail

ROUNDS="${1:-3}"
BACKENDS="${2:-hashmap rocksdb}"
JVM_FLAGS="${JVM_FLAGS:--Xmx2g}"
cd "$(dirname "$0")/.."

mvn -q -B -DskipTests -Dspotless.check.skip=true -pl statefun-benchmarks -am package \
  dependency:build-classpath -Dmdep.outputFile=target/benchmark.classpath
CLASSPATH="statefun-benchmarks/target/classes:$(cat statefun-benchmarks/target/benchmark.classpath)"
OPENS="$(sed -n 's:.*<flink.jvm.opens>\(.*\)</flink.jvm.opens>.*:\1:p' pom.xml)"
RESULTS="statefun-benchmarks/target/suite-$(date -u +%Y%m%dT%H%M%SZ).txt"

# workload, arguments at N; 5×N multiplies --n (events) or --hops (same loops in flight, 5× longer).
WORKLOADS=(
  "raw|--n 2000000 --k 100000"
  "W1|--n 2000000 --k 100000"
  "W2|--n 1000000 --k 100000"
  "W3|--loops 1000 --hops 1000"
  "W3s|--loops 1000 --hops 1000"
  "W4|--loops 100 --hops 1000"
)

scaled() {
  local args="$1" factor="$2"
  awk -v f="$factor" '{for (i = 1; i <= NF; i++) if (($i == "--n" || $i == "--hops") && i < NF) $(i + 1) *= f; print}' <<<"$args"
}

for round in $(seq 1 "$ROUNDS"); do
  for factor in 1 5; do
    for backend in $BACKENDS; do
      for entry in "${WORKLOADS[@]}"; do
        workload="${entry%%|*}"
        if [[ "$backend" == rocksdb && ("$workload" == W3s || "$workload" == W4) ]]; then
          continue
        fi
        args="$(scaled "${entry#*|}" "$factor")"
        # shellcheck disable=SC2086
        line="$(java $JVM_FLAGS $OPENS -cp "$CLASSPATH" io.statefun.benchmarks.BenchmarkCli \
          --workload "$workload" --backend "$backend" $args | grep '^RESULT')"
        echo "round=$round size=${factor}N $line" | tee -a "$RESULTS"
      done
    done
  done
done

echo
echo "Medians of $ROUNDS rounds (min-max), $(date -u +%Y-%m-%d), JVM flags: $JVM_FLAGS"
awk '
  function field(name,   i, kv) {
    for (i = 1; i <= NF; i++) { split($i, kv, "="); if (kv[1] == name) return kv[2] }
    return ""
  }
  {
    key = field("workload") " " field("backend") " " field("size")
    rates[key] = rates[key] " " field("rate"); rss[key] = rss[key] " " field("rss_mb")
    p99[key] = p99[key] " " field("p99_ms"); unit[key] = field("unit")
    if (field("backend") == "hashmap") ratio[field("size") " " field("round") " " field("workload")] = field("rate")
  }
  function median(list,   n, v, i, j, t) {
    n = split(list, v, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] + 0 < v[i] + 0) { t = v[i]; v[i] = v[j]; v[j] = t }
    lo = v[1]; hi = v[n]
    return v[int((n + 1) / 2)]
  }
  END {
    printf "%-4s %-8s %-4s %12s %25s %9s %9s\n", "wl", "backend", "size", "median", "min-max", "unit", "rss_mb"
    for (key in rates) {
      split(key, k, " ")
      m = median(rates[key]); l = lo; h = hi
      r = median(rss[key]); rh = hi
      line = sprintf("%-4s %-8s %-4s %12.0f %25s %9s %9s", k[1], k[2], k[3], m, sprintf("%.0f-%.0f", l, h), unit[key], r " (max " rh ")")
      if (p99[key] ~ /[0-9]/) line = line sprintf("  p99_ms median %s", median(p99[key]))
      print line | "sort"
    }
    close("sort")
    for (size = 1; size <= 5; size += 4) {
      list = ""
      for (key in ratio) {
        split(key, k, " ")
        if (k[1] == size "N" && k[3] == "W1" && ((size "N " k[2] " raw") in ratio))
          list = list " " sprintf("%.2f", ratio[key] / ratio[size "N " k[2] " raw"])
      }
      if (list != "") printf "W1/raw at %dN, per round:%s (median %s)\n", size, list, median(list)
    }
  }
' "$RESULTS"
echo "raw lines: $RESULTS"
