package io.statefun.flink.state.cli;

import io.statefun.flink.core.state.FlinkStateBinder;
import io.statefun.flink.state.savepoint.StoredState;
import io.statefun.flink.state.savepoint.StoredStateRecord;
import io.statefun.sdk.Address;
import io.statefun.sdk.FunctionType;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Counts per function type and state (addresses, entries, bytes) from a read of every stored state.
 * Function states are named {@code <namespace>.<type>.<state>} under addresses of that type; the
 * rest (delayed messages, async operations) is the runtime's own, kept under the sender's address.
 */
final class SavepointSummary {
  /** Counts of one state. */
  static final class StateCounts {
    final StoredState.Kind kind;
    final Set<Address> addresses = new HashSet<>();
    long entries;
    long bytes;

    StateCounts(StoredState.Kind kind) {
      this.kind = kind;
    }
  }

  /** The states of one function type, by declared name. */
  static final class TypeCounts {
    final Set<Address> addresses = new HashSet<>();
    final Map<String, StateCounts> states = new TreeMap<>();
  }

  final Map<String, TypeCounts> types = new TreeMap<>();
  final Map<String, StateCounts> runtime = new TreeMap<>();

  SavepointSummary(Map<String, StoredState> stored, List<StoredStateRecord> records) {
    for (StoredStateRecord record : records) {
      FunctionType type = record.address().type();
      String prefix = FlinkStateBinder.stateName(type, "");
      StoredState.Kind kind = stored.get(record.state()).kind();
      StateCounts counts;
      if (record.state().startsWith(prefix)) {
        TypeCounts ofType = types.computeIfAbsent(type.toString(), t -> new TypeCounts());
        ofType.addresses.add(record.address());
        counts =
            ofType.states.computeIfAbsent(
                record.state().substring(prefix.length()), s -> new StateCounts(kind));
      } else {
        counts = runtime.computeIfAbsent(record.state(), s -> new StateCounts(kind));
      }
      counts.addresses.add(record.address());
      counts.entries += record.entries();
      counts.bytes += record.bytes().length;
    }
  }
}
