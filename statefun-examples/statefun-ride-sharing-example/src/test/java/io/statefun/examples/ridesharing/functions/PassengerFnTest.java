package io.statefun.examples.ridesharing.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.examples.ridesharing.RideIO;
import io.statefun.examples.ridesharing.generated.CreateRide;
import io.statefun.examples.ridesharing.generated.RideEvent;
import io.statefun.examples.ridesharing.generated.RideFinished;
import io.statefun.examples.ridesharing.generated.RideRequest;
import io.statefun.sdk.Address;
import io.statefun.testutil.FunctionTestHarness;
import io.statefun.testutil.Invocation;
import io.statefun.testutil.Sent;
import org.junit.jupiter.api.Test;

/** A passenger on its own, with the test kit. */
class PassengerFnTest {
  private static final RideRequest REQUEST =
      RideRequest.newBuilder()
          .setPassengerId("alice")
          .setLat(52.505)
          .setLon(13.405)
          .setTripKm(1.5)
          .build();

  private final FunctionTestHarness passengers =
      FunctionTestHarness.forType(PassengerFn.TYPE, type -> new PassengerFn());

  @Test
  void aRequestStartsARideAndASecondOneIsRejectedUntilItFinishes() {
    Invocation first = passengers.invoke("alice", REQUEST);
    Invocation second = passengers.invoke("alice", REQUEST);
    passengers.invoke(
        new Address(RideFn.TYPE, "alice-1"),
        "alice",
        RideFinished.newBuilder().setRideId("alice-1").setCompleted(true).build());
    Invocation third = passengers.invoke("alice", REQUEST);

    assertThat(first.sends())
        .containsExactly(
            new Sent(
                new Address(RideFn.TYPE, "alice-1"),
                CreateRide.newBuilder()
                    .setPassengerId("alice")
                    .setLat(52.505)
                    .setLon(13.405)
                    .setTripKm(1.5)
                    .build()));
    assertThat(second.sends()).isEmpty();
    assertThat(second.egress(RideIO.RIDE_EVENTS))
        .containsExactly(
            RideEvent.newBuilder()
                .setRideId("alice-1")
                .setPassengerId("alice")
                .setKind(RideEvent.Kind.REJECTED)
                .build());
    assertThat(third.sentTo(RideFn.TYPE))
        .extracting(Sent::to)
        .containsExactly(new Address(RideFn.TYPE, "alice-2"));
  }

  @Test
  void theEndOfAnOlderRideDoesNotClearTheCurrentOne() {
    passengers.invoke("alice", REQUEST);

    passengers.invoke(
        new Address(RideFn.TYPE, "alice-0"),
        "alice",
        RideFinished.newBuilder().setRideId("alice-0").build());

    assertThat(passengers.value("alice", "active-ride")).isEqualTo("alice-1");
  }
}
