package io.statefun.examples.ridesharing;

import io.statefun.examples.ridesharing.generated.DriverLocation;
import io.statefun.examples.ridesharing.generated.DriverStatus;
import io.statefun.examples.ridesharing.generated.RideEvent;
import io.statefun.examples.ridesharing.generated.RideRequest;
import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.io.IngressIdentifier;

/**
 * Two ingresses (passengers' ride requests, drivers' location reports) and two egresses (the ride
 * lifecycle, drivers' availability), all protobuf messages.
 */
public final class RideIO {
  public static final IngressIdentifier<RideRequest> RIDE_REQUESTS =
      new IngressIdentifier<>(RideRequest.class, "ride-sharing", "ride-requests");
  public static final IngressIdentifier<DriverLocation> DRIVER_LOCATIONS =
      new IngressIdentifier<>(DriverLocation.class, "ride-sharing", "driver-locations");
  public static final EgressIdentifier<RideEvent> RIDE_EVENTS =
      new EgressIdentifier<>("ride-sharing", "ride-events", RideEvent.class);
  public static final EgressIdentifier<DriverStatus> DRIVER_STATUS =
      new EgressIdentifier<>("ride-sharing", "driver-status", DriverStatus.class);

  private RideIO() {}
}
