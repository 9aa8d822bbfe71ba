package io.statefun.examples.ridesharing.functions;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.statefun.examples.ridesharing.geo.GeoGrid;
import io.statefun.sdk.Address;
import io.statefun.testutil.FunctionTestHarness;
import io.statefun.testutil.Invocation;
import io.statefun.testutil.Sent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A ride on its own, with the test kit. */
class RideFnTest {
  private static final String RIDE = "alice-1";
  private static final String PICKUP_CELL = "5250:1340";
  private static final Address PASSENGER = new Address(PassengerFn.TYPE, "alice");
  private static final Address DRIVER = new Address(DriverFn.TYPE, "d1");

  private final FunctionTestHarness rides =
      FunctionTestHarness.forType(RideFn.TYPE, type -> new RideFn());

  @Test
  void aNewRideIsReportedAndAsksThePickupCellFirst() {
    Invocation create = create();

    assertThat(create.egress(RideIO.RIDE_EVENTS))
        .containsExactly(event(RideEvent.Kind.REQUESTED).setCell(PICKUP_CELL).build());
    assertThat(create.sends())
        .containsExactly(new Sent(cell(PICKUP_CELL), FindDriver.getDefaultInstance()));
  }

  @Test
  void withNoDriverInTheNeighbourhoodTheRideGivesUpAndTellsThePassenger() {
    create();
    List<String> neighbourhood = GeoGrid.neighbourhood(PICKUP_CELL);
    for (int i = 0; i < neighbourhood.size() - 1; i++) {
      Invocation none =
          rides.invoke(cell(neighbourhood.get(i)), RIDE, NoDriverFound.getDefaultInstance());
      assertThat(none.sends())
          .containsExactly(
              new Sent(cell(neighbourhood.get(i + 1)), FindDriver.getDefaultInstance()));
    }

    Invocation last =
        rides.invoke(cell(neighbourhood.get(8)), RIDE, NoDriverFound.getDefaultInstance());

    assertThat(last.egress(RideIO.RIDE_EVENTS))
        .containsExactly(event(RideEvent.Kind.NO_DRIVER).setCell(PICKUP_CELL).build());
    assertThat(last.sends())
        .containsExactly(new Sent(PASSENGER, RideFinished.newBuilder().setRideId(RIDE).build()));
    assertThat(rides.value(RIDE, "state")).isNull();
  }

  @Test
  void aFoundDriverIsAssignedAndTheRideIsReportedUntilItsFare() {
    create();
    rides.invoke(cell(PICKUP_CELL), RIDE, NoDriverFound.getDefaultInstance());
    String secondCell = GeoGrid.neighbourhood(PICKUP_CELL).get(1);

    Invocation found =
        rides.invoke(cell(secondCell), RIDE, DriverFound.newBuilder().setDriverId("d1").build());
    Invocation accepted =
        rides.invoke(DRIVER, RIDE, RideAccepted.newBuilder().setApproachKm(0.8).build());
    Invocation pickedUp = rides.invoke(DRIVER, RIDE, PassengerPickedUp.getDefaultInstance());
    Invocation droppedOff =
        rides.invoke(DRIVER, RIDE, DropOff.newBuilder().setDrivenKm(2.04).build());

    assertThat(found.sentTo(DRIVER))
        .containsExactly(
            AssignRide.newBuilder()
                .setPassengerId("alice")
                .setPickupLat(52.505)
                .setPickupLon(13.405)
                .setTripKm(2.0)
                .build());
    assertThat(accepted.egress(RideIO.RIDE_EVENTS))
        .containsExactly(
            event(RideEvent.Kind.DRIVER_ASSIGNED)
                .setDriverId("d1")
                .setCell(secondCell)
                .setApproachKm(0.8)
                .build());
    assertThat(pickedUp.egress(RideIO.RIDE_EVENTS))
        .containsExactly(event(RideEvent.Kind.PICKED_UP).setDriverId("d1").build());
    assertThat(droppedOff.egress(RideIO.RIDE_EVENTS))
        .containsExactly(
            event(RideEvent.Kind.COMPLETED)
                .setDriverId("d1")
                .setTripKm(2.04)
                .setFareCents(Fares.centsFor(2.04))
                .build());
    assertThat(Fares.centsFor(2.04)).isEqualTo(250 + 245);
    assertThat(droppedOff.sends())
        .containsExactly(
            new Sent(
                PASSENGER, RideFinished.newBuilder().setRideId(RIDE).setCompleted(true).build()));
    assertThat(rides.value(RIDE, "state")).isNull();
  }

  @Test
  void aDecliningDriverMakesTheRideAskTheSameCellAgain() {
    create();
    rides.invoke(cell(PICKUP_CELL), RIDE, DriverFound.newBuilder().setDriverId("d1").build());

    Invocation declined = rides.invoke(DRIVER, RIDE, RideDeclined.getDefaultInstance());

    assertThat(declined.sends())
        .containsExactly(new Sent(cell(PICKUP_CELL), FindDriver.getDefaultInstance()));
  }

  private Invocation create() {
    return rides.invoke(
        PASSENGER,
        RIDE,
        CreateRide.newBuilder()
            .setPassengerId("alice")
            .setLat(52.505)
            .setLon(13.405)
            .setTripKm(2.0)
            .build());
  }

  private static RideEvent.Builder event(RideEvent.Kind kind) {
    return RideEvent.newBuilder().setRideId(RIDE).setPassengerId("alice").setKind(kind);
  }

  private static Address cell(String id) {
    return new Address(GeoCellFn.TYPE, id);
  }
}
