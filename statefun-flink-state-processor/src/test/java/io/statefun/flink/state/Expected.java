package io.statefun.flink.state;

import static io.statefun.flink.state.Workload.PEERS;

import io.statefun.sdk.Address;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The state the round-trip workload leaves behind, computed from its commands alone. */
final class Expected {
  private Expected() {}

  /** Every entry a typed read returns after {@code commands} commands over {@code ids} counters. */
  static Set<FunctionStateEntry> entries(long commands, int ids, boolean fleetingExpired) {
    Map<String, Integer> count = new LinkedHashMap<>();
    Map<String, Map<String, Integer>> words = new LinkedHashMap<>();
    Map<String, List<String>> history = new LinkedHashMap<>();
    Map<String, String> last = new LinkedHashMap<>();
    Map<String, Long> total = new LinkedHashMap<>();
    Map<String, Map<String, Integer>> bySender = new LinkedHashMap<>();
    for (long i = 0; i < commands; i++) {
      Workload.Command command = Workload.command(i, ids);
      String id = command.id();
      int n = count.getOrDefault(id, 0);
      count.put(id, n + 1);
      words.computeIfAbsent(id, k -> new LinkedHashMap<>()).merge(command.word(), 1, Integer::sum);
      history.computeIfAbsent(id, k -> new ArrayList<>()).add(command.word());
      last.put(id, command.word());
      String peer = "p-" + ((Integer.parseInt(id.substring(2)) + n) % PEERS);
      total.merge(peer, (long) command.word().length(), Long::sum);
      bySender.computeIfAbsent(peer, k -> new LinkedHashMap<>()).merge(id, 1, Integer::sum);
    }
    Set<FunctionStateEntry> entries = new HashSet<>();
    for (String id : count.keySet()) {
      Address a = Workload.counter(id);
      entries.add(new FunctionStateEntry(a, "count", count.get(id)));
      entries.add(new FunctionStateEntry(a, "words", words.get(id)));
      entries.add(new FunctionStateEntry(a, "history", history.get(id)));
      entries.add(new FunctionStateEntry(a, "recent", last.get(id)));
      entries.add(new FunctionStateEntry(a, "sent", (long) count.get(id)));
      if (!fleetingExpired) {
        entries.add(new FunctionStateEntry(a, "fleeting", last.get(id)));
      }
    }
    for (String id : total.keySet()) {
      Address a = Workload.peer(id);
      entries.add(new FunctionStateEntry(a, "total", total.get(id)));
      entries.add(new FunctionStateEntry(a, "by-sender", bySender.get(id)));
    }
    return entries;
  }
}
