package io.statefun.examples.ridesharing;

import io.statefun.examples.ridesharing.generated.DriverLocation;
import io.statefun.examples.ridesharing.generated.RideRequest;
import java.io.Serializable;

/**
 * Made-up traffic for the local run, each record a pure function of its position in its stream (so
 * a restored job regenerates the same records). Drivers circle around points of a city centre at 15
 * m/s and report their location once per simulated second: location {@code i} is driver {@code i %
 * drivers} at second {@code i / drivers}. Passengers anywhere within 2.5 km of the centre book
 * trips of 0.3 to 2 km.
 */
public final class CitySimulation implements Serializable {
  private static final long serialVersionUID = 1L;

  static final double CENTRE_LAT = 52.520;
  static final double CENTRE_LON = 13.405;
  private static final double METRES_PER_DEGREE_LAT = 111_195;
  private static final double SPEED_METRES_PER_SECOND = 15;

  private final int drivers;
  private final int passengers;

  public CitySimulation(int drivers, int passengers) {
    if (drivers < 1 || passengers < 1) {
      throw new IllegalArgumentException(
          "the simulation needs drivers and passengers: " + drivers + ", " + passengers);
    }
    this.drivers = drivers;
    this.passengers = passengers;
  }

  public int drivers() {
    return drivers;
  }

  public DriverLocation locationAt(long index) {
    int driver = (int) (index % drivers);
    long second = index / drivers;
    double centreNorth = metresAround(driver, 1, 2000);
    double centreEast = metresAround(driver, 2, 2000);
    double radius = 300 + unit(driver, 3) * 1200;
    double direction = unit(driver, 4) < 0.5 ? -1 : 1;
    double angle =
        unit(driver, 5) * 2 * Math.PI + direction * SPEED_METRES_PER_SECOND * second / radius;
    return DriverLocation.newBuilder()
        .setDriverId("driver-" + driver)
        .setLat(lat(centreNorth + radius * Math.sin(angle)))
        .setLon(lon(centreEast + radius * Math.cos(angle)))
        .setSeconds(second)
        .build();
  }

  public RideRequest requestAt(long index) {
    return RideRequest.newBuilder()
        .setPassengerId("passenger-" + (long) (unit(index, 10) * passengers))
        .setLat(lat(metresAround(index, 11, 2500)))
        .setLon(lon(metresAround(index, 12, 2500)))
        .setTripKm(0.3 + unit(index, 13) * 1.7)
        .build();
  }

  private static double lat(double metresNorth) {
    return CENTRE_LAT + metresNorth / METRES_PER_DEGREE_LAT;
  }

  private static double lon(double metresEast) {
    return CENTRE_LON + metresEast / (METRES_PER_DEGREE_LAT * Math.cos(Math.toRadians(CENTRE_LAT)));
  }

  private static double metresAround(long seed, int salt, double range) {
    return (unit(seed, salt) * 2 - 1) * range;
  }

  /** A well-spread number in [0, 1) for {@code (seed, salt)}. */
  private static double unit(long seed, int salt) {
    long x = seed * 0x9E3779B97F4A7C15L + salt * 0xC2B2AE3D27D4EB4FL;
    x ^= x >>> 31;
    x *= 0xBF58476D1CE4E5B9L;
    x ^= x >>> 29;
    return (x >>> 11) * 0x1.0p-53;
  }
}
