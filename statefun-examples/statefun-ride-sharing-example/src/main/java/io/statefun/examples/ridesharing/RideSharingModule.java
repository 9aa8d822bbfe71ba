package io.statefun.examples.ridesharing;

import io.statefun.examples.ridesharing.functions.DriverFn;
import io.statefun.examples.ridesharing.functions.GeoCellFn;
import io.statefun.examples.ridesharing.functions.PassengerFn;
import io.statefun.examples.ridesharing.functions.RideFn;
import io.statefun.examples.ridesharing.generated.DriverLocation;
import io.statefun.examples.ridesharing.generated.RideRequest;
import io.statefun.examples.ridesharing.kafka.RideKafka;
import io.statefun.examples.ridesharing.kafka.RideKafkaSettings;
import io.statefun.sdk.io.Router;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.util.Map;

/**
 * Binds the ride-sharing functions, the two ingress routers, and Kafka IO (see {@link RideKafka}).
 * Found by the {@link java.util.ServiceLoader} (see {@code META-INF/services}). Locally, the
 * harness replaces the Kafka ingresses with a {@link CitySimulation} and the egresses with printing
 * ones (see {@code RideSharingApp} in the tests).
 *
 * <p>Module configuration (keys under {@code statefun.module.global-config.}): {@code
 * kafka-address} and the four topics, see {@link RideKafkaSettings}.
 */
public final class RideSharingModule implements StatefulFunctionModule {

  @Override
  public void configure(Map<String, String> globalConfiguration, Binder binder) {
    binder.bindFunctionProvider(PassengerFn.TYPE, type -> new PassengerFn());
    binder.bindFunctionProvider(RideFn.TYPE, type -> new RideFn());
    binder.bindFunctionProvider(DriverFn.TYPE, type -> new DriverFn());
    binder.bindFunctionProvider(GeoCellFn.TYPE, type -> new GeoCellFn());

    binder.bindIngressRouter(
        RideIO.RIDE_REQUESTS,
        (RideRequest request, Router.Downstream<RideRequest> downstream) ->
            downstream.forward(PassengerFn.TYPE, request.getPassengerId(), request));
    binder.bindIngressRouter(
        RideIO.DRIVER_LOCATIONS,
        (DriverLocation location, Router.Downstream<DriverLocation> downstream) ->
            downstream.forward(DriverFn.TYPE, location.getDriverId(), location));

    RideKafkaSettings kafka = RideKafkaSettings.from(globalConfiguration);
    binder.bindIngress(RideKafka.rideRequests(kafka));
    binder.bindIngress(RideKafka.driverLocations(kafka));
    binder.bindEgress(RideKafka.rideEvents(kafka));
    binder.bindEgress(RideKafka.driverStatus(kafka));
  }
}
