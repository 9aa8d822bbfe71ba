package io.statefun.examples.ridesharing.functions;

import io.statefun.examples.ridesharing.Fares;
import io.statefun.examples.ridesharing.RideIO;
import io.statefun.examples.ridesharing.generated.AssignRide;
import io.statefun.examples.ridesharing.generated.CreateRide;
import io.statefun.examples.ridesharing.generated.DriverFound;
import io.statefun.examples.ridesharing.generated.DropOff;
import io.statefun.examples.ridesharing.generated.FindDriver;
import io.statefun.examples.ridesharing.generated.NoDriverFound;
import io.statefun.examples.ridesharing.generated.PassengerPickedUp;
import io.statefun.examples.ridesharing.generated.RideAccepted;
import io.statefun.examples.ridesharing.generated.RideDeclined;
import io.statefun.examples.ridesharing.generated.RideEvent;
import io.statefun.examples.ridesharing.generated.RideFinished;
import io.statefun.examples.ridesharing.generated.RideState;
import io.statefun.examples.ridesharing.geo.GeoGrid;
import io.statefun.sdk.Context;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.annotations.Persisted;
import io.statefun.sdk.match.MatchBinder;
import io.statefun.sdk.match.StatefulMatchFunction;
import io.statefun.sdk.state.PersistedValue;
import java.util.List;

/**
 * One ride (the function id is the ride id), from request to drop-off. It looks for a driver cell
 * by cell through the pickup's neighbourhood, has the driver it found assign itself, and reports
 * each step of the ride to the ride-events egress. Its state is a protobuf message, cleared when
 * the ride ends.
 */
public final class RideFn extends StatefulMatchFunction {
  public static final FunctionType TYPE = new FunctionType("ride-sharing", "ride");

  @Persisted
  private final PersistedValue<RideState> state = PersistedValue.of("state", RideState.class);

  @Override
  public void configure(MatchBinder binder) {
    binder
        .predicate(CreateRide.class, this::create)
        .predicate(DriverFound.class, this::driverFound)
        .predicate(NoDriverFound.class, this::noDriverFound)
        .predicate(RideAccepted.class, this::accepted)
        .predicate(RideDeclined.class, this::declined)
        .predicate(PassengerPickedUp.class, this::pickedUp)
        .predicate(DropOff.class, this::droppedOff);
  }

  private void create(Context context, CreateRide create) {
    RideState ride =
        RideState.newBuilder()
            .setPassengerId(create.getPassengerId())
            .setPickupLat(create.getLat())
            .setPickupLon(create.getLon())
            .setTripKm(create.getTripKm())
            .setPhase(RideState.Phase.SEARCHING)
            .setSearchPosition(0)
            .build();
    state.set(ride);
    emit(context, event(context, ride, RideEvent.Kind.REQUESTED).setCell(pickupCell(ride)));
    askCell(context, ride);
  }

  private void driverFound(Context context, DriverFound found) {
    RideState ride = current(context);
    state.set(ride.toBuilder().setPhase(RideState.Phase.ASSIGNING).build());
    context.send(
        DriverFn.TYPE,
        found.getDriverId(),
        AssignRide.newBuilder()
            .setPassengerId(ride.getPassengerId())
            .setPickupLat(ride.getPickupLat())
            .setPickupLon(ride.getPickupLon())
            .setTripKm(ride.getTripKm())
            .build());
  }

  private void noDriverFound(Context context, NoDriverFound none) {
    RideState ride = current(context);
    int next = ride.getSearchPosition() + 1;
    if (next < GeoGrid.neighbourhood(pickupCell(ride)).size()) {
      RideState searching = ride.toBuilder().setSearchPosition(next).build();
      state.set(searching);
      askCell(context, searching);
      return;
    }
    emit(context, event(context, ride, RideEvent.Kind.NO_DRIVER).setCell(pickupCell(ride)));
    finish(context, ride, false);
  }

  /** The driver took the ride; the driver's address is the caller. */
  private void accepted(Context context, RideAccepted accepted) {
    RideState ride = current(context);
    String driver = context.caller().id();
    state.set(ride.toBuilder().setPhase(RideState.Phase.ASSIGNED).setDriverId(driver).build());
    emit(
        context,
        event(context, ride, RideEvent.Kind.DRIVER_ASSIGNED)
            .setDriverId(driver)
            .setCell(searchedCell(ride))
            .setApproachKm(accepted.getApproachKm()));
  }

  /** The driver had been taken by another ride meanwhile: ask the same cell again. */
  private void declined(Context context, RideDeclined declined) {
    RideState ride = current(context);
    state.set(ride.toBuilder().setPhase(RideState.Phase.SEARCHING).build());
    askCell(context, ride);
  }

  private void pickedUp(Context context, PassengerPickedUp pickedUp) {
    RideState ride = current(context);
    state.set(ride.toBuilder().setPhase(RideState.Phase.PICKED_UP).build());
    emit(context, event(context, ride, RideEvent.Kind.PICKED_UP).setDriverId(ride.getDriverId()));
  }

  private void droppedOff(Context context, DropOff dropOff) {
    RideState ride = current(context);
    emit(
        context,
        event(context, ride, RideEvent.Kind.COMPLETED)
            .setDriverId(ride.getDriverId())
            .setTripKm(dropOff.getDrivenKm())
            .setFareCents(Fares.centsFor(dropOff.getDrivenKm())));
    finish(context, ride, true);
  }

  private void askCell(Context context, RideState ride) {
    context.send(GeoCellFn.TYPE, searchedCell(ride), FindDriver.getDefaultInstance());
  }

  private void finish(Context context, RideState ride, boolean completed) {
    context.send(
        PassengerFn.TYPE,
        ride.getPassengerId(),
        RideFinished.newBuilder().setRideId(context.self().id()).setCompleted(completed).build());
    state.clear();
  }

  private RideState current(Context context) {
    RideState ride = state.get();
    if (ride == null) {
      throw new IllegalStateException(
          "ride "
              + context.self().id()
              + " got a message from "
              + context.caller()
              + " but has no state");
    }
    return ride;
  }

  private static String pickupCell(RideState ride) {
    return GeoGrid.cellOf(ride.getPickupLat(), ride.getPickupLon());
  }

  private static String searchedCell(RideState ride) {
    List<String> cells = GeoGrid.neighbourhood(pickupCell(ride));
    return cells.get(ride.getSearchPosition());
  }

  private static RideEvent.Builder event(Context context, RideState ride, RideEvent.Kind kind) {
    return RideEvent.newBuilder()
        .setRideId(context.self().id())
        .setPassengerId(ride.getPassengerId())
        .setKind(kind);
  }

  private static void emit(Context context, RideEvent.Builder event) {
    context.send(RideIO.RIDE_EVENTS, event.build());
  }
}
