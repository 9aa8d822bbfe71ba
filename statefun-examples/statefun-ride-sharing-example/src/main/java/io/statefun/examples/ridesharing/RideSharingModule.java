package io.statefun.examples.ridesharing;

import io.statefun.examples.ridesharing.functions.DriverFn;
import io.statefun.examples.ridesharing.functions.GeoCellFn;
import io.statefun.examples.ridesharing.functions.PassengerFn;
import io.statefun.examples.ridesharing.functions.RideFn;
import io.statefun.examples.ridesharing.generated.DriverLocation;
import io.statefun.examples.ridesharing.generated.RideRequest;
import io.statefun.flink.harness.io.ConsumingSink;
import io.statefun.flink.harness.io.GeneratorSource;
import io.statefun.flink.io.SinkEgressSpec;
import io.statefun.flink.io.SourceIngressSpec;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Binds the ride-sharing functions, routers and IO. Found by the {@link java.util.ServiceLoader}
 * (see {@code META-INF/services}). The ingresses replay a {@link CitySimulation}; the egresses
 * print.
 *
 * <p>Module configuration (keys under {@code statefun.module.global-config.}): {@code drivers}
 * (default 50) and {@code passengers} (default 500) of the simulation, and {@code speed-up}
 * (default 10): how many simulated seconds pass per second, so the drivers report {@code drivers *
 * speed-up} locations per second and passengers book {@code speed-up / 2} rides per second.
 */
public final class RideSharingModule implements StatefulFunctionModule {
  public static final String DRIVERS_KEY = "drivers";
  public static final String PASSENGERS_KEY = "passengers";
  public static final String SPEED_UP_KEY = "speed-up";

  @Override
  public void configure(Map<String, String> globalConfiguration, Binder binder) {
    binder.bindFunctionProvider(PassengerFn.TYPE, type -> new PassengerFn());
    binder.bindFunctionProvider(RideFn.TYPE, type -> new RideFn());
    binder.bindFunctionProvider(DriverFn.TYPE, type -> new DriverFn());
    binder.bindFunctionProvider(GeoCellFn.TYPE, type -> new GeoCellFn());

    binder.bindIngressRouter(
        RideIO.RIDE_REQUESTS,
        (RideRequest request, io.statefun.sdk.io.Router.Downstream<RideRequest> downstream) ->
            downstream.forward(PassengerFn.TYPE, request.getPassengerId(), request));
    binder.bindIngressRouter(
        RideIO.DRIVER_LOCATIONS,
        (DriverLocation location,
            io.statefun.sdk.io.Router.Downstream<DriverLocation> downstream) ->
            downstream.forward(DriverFn.TYPE, location.getDriverId(), location));

    CitySimulation city =
        new CitySimulation(
            positive(globalConfiguration, DRIVERS_KEY, 50),
            positive(globalConfiguration, PASSENGERS_KEY, 500));
    double speedUp = positive(globalConfiguration, SPEED_UP_KEY, 10);
    binder.bindIngress(
        new SourceIngressSpec<>(
            RideIO.RIDE_REQUESTS,
            new GeneratorSource<>(city::requestAt, Long.MAX_VALUE, speedUp / 2),
            WatermarkStrategy.noWatermarks()));
    binder.bindIngress(
        new SourceIngressSpec<>(
            RideIO.DRIVER_LOCATIONS,
            new GeneratorSource<>(city::locationAt, Long.MAX_VALUE, city.drivers() * speedUp),
            WatermarkStrategy.noWatermarks()));
    binder.bindEgress(
        new SinkEgressSpec<>(
            RideIO.RIDE_EVENTS,
            new ConsumingSink<>(event -> System.out.println(Describe.rideEvent(event)))));
    binder.bindEgress(
        new SinkEgressSpec<>(
            RideIO.DRIVER_STATUS,
            new ConsumingSink<>(status -> System.out.println(Describe.driverStatus(status)))));
  }

  private static int positive(Map<String, String> config, String key, int orElse) {
    String value = config.get(key);
    if (value == null) {
      return orElse;
    }
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed <= 0) {
        throw new NumberFormatException("not positive");
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "module configuration '" + key + "' must be a positive whole number, was '" + value + "'",
          e);
    }
  }
}
