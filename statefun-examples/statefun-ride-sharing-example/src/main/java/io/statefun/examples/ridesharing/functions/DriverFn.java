package io.statefun.examples.ridesharing.functions;

import io.statefun.examples.ridesharing.RideIO;
import io.statefun.examples.ridesharing.generated.AssignRide;
import io.statefun.examples.ridesharing.generated.CellJoined;
import io.statefun.examples.ridesharing.generated.DriverLocation;
import io.statefun.examples.ridesharing.generated.DriverState;
import io.statefun.examples.ridesharing.generated.DriverStatus;
import io.statefun.examples.ridesharing.generated.DropOff;
import io.statefun.examples.ridesharing.generated.JoinCell;
import io.statefun.examples.ridesharing.generated.LeaveCell;
import io.statefun.examples.ridesharing.generated.PassengerPickedUp;
import io.statefun.examples.ridesharing.generated.RideAccepted;
import io.statefun.examples.ridesharing.generated.RideDeclined;
import io.statefun.examples.ridesharing.geo.GeoGrid;
import io.statefun.sdk.Context;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.annotations.Persisted;
import io.statefun.sdk.match.MatchBinder;
import io.statefun.sdk.match.StatefulMatchFunction;
import io.statefun.sdk.state.PersistedValue;

/**
 * One driver (the function id is the driver id), fed by the driver's location reports. A free
 * driver is a member of the geo cell it is in, and moves its membership as it crosses cells. A
 * driver given a ride leaves its cell; its odometer then tells when it has reached the pickup (the
 * straight-line distance to it) and the drop-off (the booked trip length further on), whatever
 * route it takes.
 */
public final class DriverFn extends StatefulMatchFunction {
  public static final FunctionType TYPE = new FunctionType("ride-sharing", "driver");

  @Persisted
  private final PersistedValue<DriverState> state = PersistedValue.of("state", DriverState.class);

  @Override
  public void configure(MatchBinder binder) {
    binder
        .predicate(DriverLocation.class, this::located)
        .predicate(CellJoined.class, this::joined)
        .predicate(AssignRide.class, this::assigned);
  }

  private void located(Context context, DriverLocation location) {
    DriverState before = state.get();
    if (before != null && location.getSeconds() <= before.getSeconds()) {
      return; // an older report that arrived late
    }
    String cell = GeoGrid.cellOf(location.getLat(), location.getLon());
    DriverState.Builder driver =
        before == null
            ? DriverState.newBuilder().setPhase(DriverState.Phase.FREE)
            : before.toBuilder();
    double moved =
        before == null
            ? 0
            : GeoGrid.distanceKm(
                before.getLat(), before.getLon(), location.getLat(), location.getLon());
    driver.setLat(location.getLat()).setLon(location.getLon()).setSeconds(location.getSeconds());

    if (driver.getPhase() == DriverState.Phase.FREE) {
      moveMembership(context, driver, cell);
    } else {
      driver.setCell(cell).setOdometerKm(driver.getOdometerKm() + moved);
      if (driver.getPhase() == DriverState.Phase.TO_PICKUP
          && driver.getOdometerKm() >= driver.getPickupAtKm()) {
        driver.setPhase(DriverState.Phase.ON_TRIP);
        context.send(RideFn.TYPE, driver.getRideId(), PassengerPickedUp.getDefaultInstance());
      }
      if (driver.getPhase() == DriverState.Phase.ON_TRIP
          && driver.getOdometerKm() >= driver.getDropOffAtKm()) {
        double driven = driver.getOdometerKm() - driver.getPickupAtKm();
        context.send(
            RideFn.TYPE, driver.getRideId(), DropOff.newBuilder().setDrivenKm(driven).build());
        driver
            .setPhase(DriverState.Phase.FREE)
            .clearRideId()
            .clearOdometerKm()
            .clearPickupAtKm()
            .clearDropOffAtKm()
            .clearCell();
        moveMembership(context, driver, cell);
      }
    }
    state.set(driver.build());
  }

  /** A free driver belongs to the cell it is in: leave the old one, join the new one. */
  private static void moveMembership(Context context, DriverState.Builder driver, String cell) {
    if (cell.equals(driver.getCell())) {
      return;
    }
    if (!driver.getCell().isEmpty()) {
      context.send(GeoCellFn.TYPE, driver.getCell(), LeaveCell.getDefaultInstance());
    }
    context.send(GeoCellFn.TYPE, cell, JoinCell.getDefaultInstance());
    driver.setCell(cell);
  }

  /** The cell confirmed the membership (it replied): the driver is available there. */
  private void joined(Context context, CellJoined joined) {
    DriverState driver = state.get();
    if (driver != null
        && driver.getPhase() == DriverState.Phase.FREE
        && driver.getCell().equals(joined.getCell())) {
      context.send(
          RideIO.DRIVER_STATUS,
          DriverStatus.newBuilder()
              .setDriverId(context.self().id())
              .setStatus(DriverStatus.Status.AVAILABLE)
              .setCell(joined.getCell())
              .build());
    }
  }

  /** A ride (the caller) found this driver in a cell. */
  private void assigned(Context context, AssignRide assign) {
    DriverState driver = state.get();
    if (driver == null || driver.getPhase() != DriverState.Phase.FREE) {
      context.reply(RideDeclined.getDefaultInstance());
      return;
    }
    String rideId = context.caller().id();
    double approach =
        GeoGrid.distanceKm(
            driver.getLat(), driver.getLon(), assign.getPickupLat(), assign.getPickupLon());
    // The cell that found this driver has let it go already; this covers a membership that moved
    // meanwhile.
    context.send(GeoCellFn.TYPE, driver.getCell(), LeaveCell.getDefaultInstance());
    state.set(
        driver.toBuilder()
            .setPhase(DriverState.Phase.TO_PICKUP)
            .setRideId(rideId)
            .setOdometerKm(0)
            .setPickupAtKm(approach)
            .setDropOffAtKm(approach + assign.getTripKm())
            .build());
    context.reply(RideAccepted.newBuilder().setApproachKm(approach).build());
    context.send(
        RideIO.DRIVER_STATUS,
        DriverStatus.newBuilder()
            .setDriverId(context.self().id())
            .setStatus(DriverStatus.Status.ON_RIDE)
            .setCell(driver.getCell())
            .setRideId(rideId)
            .build());
  }
}
