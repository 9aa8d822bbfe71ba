package io.statefun.examples.ridesharing.functions;

import io.statefun.examples.ridesharing.generated.CellJoined;
import io.statefun.examples.ridesharing.generated.DriverFound;
import io.statefun.examples.ridesharing.generated.FindDriver;
import io.statefun.examples.ridesharing.generated.JoinCell;
import io.statefun.examples.ridesharing.generated.LeaveCell;
import io.statefun.examples.ridesharing.generated.NoDriverFound;
import io.statefun.sdk.Address;
import io.statefun.sdk.Context;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.annotations.Persisted;
import io.statefun.sdk.match.MatchBinder;
import io.statefun.sdk.match.StatefulMatchFunction;
import io.statefun.sdk.state.PersistedTable;
import io.statefun.sdk.state.PersistedValue;
import java.util.Map;

/**
 * One cell of the map (the function id is the cell id, see {@link
 * io.statefun.examples.ridesharing.geo.GeoGrid}): knows the free drivers in it. Drivers join and
 * leave; the cell learns who they are from {@link Context#caller()}. A ride that asks for a driver
 * gets the one that has waited longest, who leaves the cell at once.
 */
public final class GeoCellFn extends StatefulMatchFunction {
  public static final FunctionType TYPE = new FunctionType("ride-sharing", "geo-cell");

  /** Free driver id to the number of the join that brought it here (lower waited longer). */
  @Persisted
  private final PersistedTable<String, Long> waiting =
      PersistedTable.of("waiting", String.class, Long.class);

  @Persisted private final PersistedValue<Long> joins = PersistedValue.of("joins", Long.class);

  @Override
  public void configure(MatchBinder binder) {
    binder
        .predicate(JoinCell.class, this::join)
        .predicate(LeaveCell.class, this::leave)
        .predicate(FindDriver.class, this::find);
  }

  private void join(Context context, JoinCell join) {
    long number = joins.updateAndGet(n -> n == null ? 1 : n + 1);
    waiting.set(driver(context, "JoinCell"), number);
    context.reply(CellJoined.newBuilder().setCell(context.self().id()).build());
  }

  private void leave(Context context, LeaveCell leave) {
    waiting.remove(driver(context, "LeaveCell"));
  }

  private void find(Context context, FindDriver find) {
    String longestWaiting = null;
    long lowest = Long.MAX_VALUE;
    for (Map.Entry<String, Long> entry : waiting.entries()) {
      if (entry.getValue() < lowest) {
        lowest = entry.getValue();
        longestWaiting = entry.getKey();
      }
    }
    if (longestWaiting == null) {
      context.reply(NoDriverFound.getDefaultInstance());
      return;
    }
    waiting.remove(longestWaiting);
    context.reply(DriverFound.newBuilder().setDriverId(longestWaiting).build());
  }

  private static String driver(Context context, String message) {
    Address caller = context.caller();
    if (caller == null || !caller.type().equals(DriverFn.TYPE)) {
      throw new IllegalStateException(
          "cell "
              + context.self().id()
              + " takes "
              + message
              + " only from a driver, but it came from "
              + (caller == null ? "an ingress" : caller));
    }
    return caller.id();
  }
}
