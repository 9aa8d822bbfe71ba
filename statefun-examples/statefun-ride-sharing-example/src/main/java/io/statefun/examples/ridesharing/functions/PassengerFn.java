package io.statefun.examples.ridesharing.functions;

import io.statefun.examples.ridesharing.RideIO;
import io.statefun.examples.ridesharing.generated.CreateRide;
import io.statefun.examples.ridesharing.generated.RideEvent;
import io.statefun.examples.ridesharing.generated.RideFinished;
import io.statefun.examples.ridesharing.generated.RideRequest;
import io.statefun.sdk.Context;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.annotations.Persisted;
import io.statefun.sdk.match.MatchBinder;
import io.statefun.sdk.match.StatefulMatchFunction;
import io.statefun.sdk.state.PersistedValue;

/**
 * A passenger (the function id is the passenger id). Starts a ride per request, one at a time: a
 * request while a ride is under way is rejected.
 */
public final class PassengerFn extends StatefulMatchFunction {
  public static final FunctionType TYPE = new FunctionType("ride-sharing", "passenger");

  @Persisted
  private final PersistedValue<String> activeRide = PersistedValue.of("active-ride", String.class);

  @Persisted
  private final PersistedValue<Integer> rides = PersistedValue.of("rides", Integer.class);

  @Override
  public void configure(MatchBinder binder) {
    binder
        .predicate(RideRequest.class, this::request)
        .predicate(RideFinished.class, this::finished);
  }

  private void request(Context context, RideRequest request) {
    String passenger = context.self().id();
    String active = activeRide.get();
    if (active != null) {
      context.send(
          RideIO.RIDE_EVENTS,
          RideEvent.newBuilder()
              .setRideId(active)
              .setPassengerId(passenger)
              .setKind(RideEvent.Kind.REJECTED)
              .build());
      return;
    }
    String rideId = passenger + "-" + rides.updateAndGet(n -> n == null ? 1 : n + 1);
    activeRide.set(rideId);
    context.send(
        RideFn.TYPE,
        rideId,
        CreateRide.newBuilder()
            .setPassengerId(passenger)
            .setLat(request.getLat())
            .setLon(request.getLon())
            .setTripKm(request.getTripKm())
            .build());
  }

  private void finished(Context context, RideFinished finished) {
    if (finished.getRideId().equals(activeRide.get())) {
      activeRide.clear();
    }
  }
}
