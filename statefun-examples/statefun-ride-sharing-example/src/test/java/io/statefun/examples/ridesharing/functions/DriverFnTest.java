package io.statefun.examples.ridesharing.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.statefun.examples.ridesharing.RideIO;
import io.statefun.examples.ridesharing.generated.AssignRide;
import io.statefun.examples.ridesharing.generated.CellJoined;
import io.statefun.examples.ridesharing.generated.DriverLocation;
import io.statefun.examples.ridesharing.generated.DriverStatus;
import io.statefun.examples.ridesharing.generated.DropOff;
import io.statefun.examples.ridesharing.generated.JoinCell;
import io.statefun.examples.ridesharing.generated.LeaveCell;
import io.statefun.examples.ridesharing.generated.PassengerPickedUp;
import io.statefun.examples.ridesharing.generated.RideAccepted;
import io.statefun.examples.ridesharing.generated.RideDeclined;
import io.statefun.examples.ridesharing.geo.GeoGrid;
import io.statefun.sdk.Address;
import io.statefun.testutil.FunctionTestHarness;
import io.statefun.testutil.Invocation;
import io.statefun.testutil.Sent;
import org.junit.jupiter.api.Test;

/** A driver on its own, with the test kit. Places lie on the meridian 13.405 E. */
class DriverFnTest {
  private static final Address RIDE = new Address(RideFn.TYPE, "alice-1");

  private final FunctionTestHarness drivers =
      FunctionTestHarness.forType(DriverFn.TYPE, type -> new DriverFn());

  @Test
  void aFreeDriverJoinsTheCellItIsInAndMovesItsMembershipAcrossCells() {
    Invocation first = drivers.invoke("d1", location(52.505, 1));
    Invocation sameCell = drivers.invoke("d1", location(52.506, 2));
    Invocation nextCell = drivers.invoke("d1", location(52.515, 3));

    assertThat(first.sends()).containsExactly(new Sent(cell("5250:1340"), join()));
    assertThat(sameCell.hasNoEffects()).isTrue();
    assertThat(nextCell.sends())
        .containsExactly(
            new Sent(cell("5250:1340"), LeaveCell.getDefaultInstance()),
            new Sent(cell("5251:1340"), join()));
  }

  @Test
  void theCellsReplyMakesTheDriverAvailableUnlessItMovedOn() {
    drivers.invoke("d1", location(52.505, 1));
    Invocation joined = drivers.invoke(cell("5250:1340"), "d1", joined("5250:1340"));
    drivers.invoke("d1", location(52.515, 2));
    Invocation late = drivers.invoke(cell("5250:1340"), "d1", joined("5250:1340"));

    assertThat(joined.egress(RideIO.DRIVER_STATUS))
        .containsExactly(
            DriverStatus.newBuilder()
                .setDriverId("d1")
                .setStatus(DriverStatus.Status.AVAILABLE)
                .setCell("5250:1340")
                .build());
    assertThat(late.hasNoEffects()).isTrue();
  }

  @Test
  void anOlderReportIsIgnored() {
    drivers.invoke("d1", location(52.505, 5));

    assertThat(drivers.invoke("d1", location(52.600, 4)).hasNoEffects()).isTrue();
    assertThat(drivers.invoke("d1", location(52.600, 5)).hasNoEffects()).isTrue();
  }

  @Test
  void anAssignedDriverAcceptsLeavesItsCellAndDeclinesASecondRide() {
    drivers.invoke("d1", location(52.505, 1));

    Invocation assign = drivers.invoke(RIDE, "d1", assignment(52.5095, 1.0));
    Invocation second =
        drivers.invoke(new Address(RideFn.TYPE, "bob-1"), "d1", assignment(52.505, 2));

    double approach = GeoGrid.distanceKm(52.505, 13.405, 52.5095, 13.405);
    assertThat(assign.replies())
        .containsExactly(RideAccepted.newBuilder().setApproachKm(approach).build());
    assertThat(assign.sentTo(cell("5250:1340"))).containsExactly(LeaveCell.getDefaultInstance());
    assertThat(assign.egress(RideIO.DRIVER_STATUS))
        .containsExactly(
            DriverStatus.newBuilder()
                .setDriverId("d1")
                .setStatus(DriverStatus.Status.ON_RIDE)
                .setCell("5250:1340")
                .setRideId("alice-1")
                .build());
    assertThat(second.replies()).containsExactly(RideDeclined.getDefaultInstance());
  }

  @Test
  void theOdometerTellsThePickupAndTheDropOffThenTheDriverRejoins() {
    drivers.invoke("d1", location(52.505, 1));
    drivers.invoke(RIDE, "d1", assignment(52.5095, 1.0)); // 0.5 km away, 1 km trip

    Invocation halfway = drivers.invoke("d1", location(52.50725, 2));
    Invocation atPickup = drivers.invoke("d1", location(52.5096, 3));
    Invocation onTrip = drivers.invoke("d1", location(52.514, 4));
    Invocation atDropOff = drivers.invoke("d1", location(52.5185, 5));

    assertThat(halfway.hasNoEffects()).isTrue();
    assertThat(atPickup.sends())
        .containsExactly(new Sent(RIDE, PassengerPickedUp.getDefaultInstance()));
    assertThat(onTrip.hasNoEffects()).isTrue();
    double odometer =
        km(52.505, 52.50725) + km(52.50725, 52.5096) + km(52.5096, 52.514) + km(52.514, 52.5185);
    double driven = odometer - km(52.505, 52.5095);
    assertThat(atDropOff.sentTo(RIDE)).hasSize(1);
    DropOff dropOff = (DropOff) atDropOff.sentTo(RIDE).get(0);
    assertThat(dropOff.getDrivenKm()).isCloseTo(driven, within(1e-9));
    assertThat(atDropOff.sentTo(cell("5251:1340"))).containsExactly(join());
  }

  private static DriverLocation location(double lat, long seconds) {
    return DriverLocation.newBuilder()
        .setDriverId("d1")
        .setLat(lat)
        .setLon(13.405)
        .setSeconds(seconds)
        .build();
  }

  private static AssignRide assignment(double pickupLat, double tripKm) {
    return AssignRide.newBuilder()
        .setPassengerId("alice")
        .setPickupLat(pickupLat)
        .setPickupLon(13.405)
        .setTripKm(tripKm)
        .build();
  }

  private static double km(double fromLat, double toLat) {
    return GeoGrid.distanceKm(fromLat, 13.405, toLat, 13.405);
  }

  private static Address cell(String id) {
    return new Address(GeoCellFn.TYPE, id);
  }

  private static JoinCell join() {
    return JoinCell.getDefaultInstance();
  }

  private static CellJoined joined(String cell) {
    return CellJoined.newBuilder().setCell(cell).build();
  }
}
