package io.statefun.examples.ridesharing;

import io.statefun.examples.ridesharing.generated.DriverStatus;
import io.statefun.examples.ridesharing.generated.RideEvent;
import java.util.Locale;

/** One line of text per egress record, for people (the local run prints these). */
public final class Describe {
  private Describe() {}

  public static String rideEvent(RideEvent event) {
    String ride = "ride " + event.getRideId() + ": ";
    switch (event.getKind()) {
      case REQUESTED:
        return ride + "requested by " + event.getPassengerId() + " in cell " + event.getCell();
      case DRIVER_ASSIGNED:
        return ride
            + "driver "
            + event.getDriverId()
            + " assigned in cell "
            + event.getCell()
            + ", "
            + km(event.getApproachKm())
            + " away";
      case PICKED_UP:
        return ride + event.getPassengerId() + " picked up by " + event.getDriverId();
      case COMPLETED:
        return ride
            + "completed by "
            + event.getDriverId()
            + ", "
            + km(event.getTripKm())
            + ", fare "
            + String.format(Locale.ROOT, "%.2f", event.getFareCents() / 100.0);
      case NO_DRIVER:
        return ride + "no driver near cell " + event.getCell();
      case REJECTED:
        return ride + event.getPassengerId() + " asked for another ride, rejected";
      default:
        return ride + event.getKind();
    }
  }

  public static String driverStatus(DriverStatus status) {
    String driver = "driver " + status.getDriverId() + ": ";
    switch (status.getStatus()) {
      case AVAILABLE:
        return driver + "available in cell " + status.getCell();
      case ON_RIDE:
        return driver + "on ride " + status.getRideId();
      default:
        return driver + status.getStatus();
    }
  }

  private static String km(double km) {
    return String.format(Locale.ROOT, "%.2f km", km);
  }
}
