package io.statefun.examples.ridesharing.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.examples.ridesharing.generated.CellJoined;
import io.statefun.examples.ridesharing.generated.DriverFound;
import io.statefun.examples.ridesharing.generated.FindDriver;
import io.statefun.examples.ridesharing.generated.JoinCell;
import io.statefun.examples.ridesharing.generated.LeaveCell;
import io.statefun.examples.ridesharing.generated.NoDriverFound;
import io.statefun.sdk.Address;
import io.statefun.testutil.FunctionTestHarness;
import io.statefun.testutil.Invocation;
import org.junit.jupiter.api.Test;

/** A geo cell on its own, with the test kit. */
class GeoCellFnTest {
  private static final String CELL = "5252:1340";
  private static final Address RIDE = new Address(RideFn.TYPE, "alice-1");

  private final FunctionTestHarness cells =
      FunctionTestHarness.forType(GeoCellFn.TYPE, type -> new GeoCellFn());

  @Test
  void aJoiningDriverIsNamedByTheCallerAndGetsAReply() {
    Invocation join = cells.invoke(driver("d7"), CELL, JoinCell.getDefaultInstance());

    assertThat(join.replies()).containsExactly(CellJoined.newBuilder().setCell(CELL).build());
    assertThat(cells.table(CELL, "waiting")).containsOnlyKeys("d7");
  }

  @Test
  void theLongestWaitingDriverIsFoundAndLeavesTheCell() {
    cells.invoke(driver("d9"), CELL, JoinCell.getDefaultInstance());
    cells.invoke(driver("d1"), CELL, JoinCell.getDefaultInstance());

    Invocation first = cells.invoke(RIDE, CELL, FindDriver.getDefaultInstance());
    Invocation second = cells.invoke(RIDE, CELL, FindDriver.getDefaultInstance());
    Invocation third = cells.invoke(RIDE, CELL, FindDriver.getDefaultInstance());

    assertThat(first.replies()).containsExactly(DriverFound.newBuilder().setDriverId("d9").build());
    assertThat(second.replies())
        .containsExactly(DriverFound.newBuilder().setDriverId("d1").build());
    assertThat(third.replies()).containsExactly(NoDriverFound.getDefaultInstance());
  }

  @Test
  void aDriverThatLeftIsNotFound() {
    cells.invoke(driver("d1"), CELL, JoinCell.getDefaultInstance());
    cells.invoke(driver("d1"), CELL, LeaveCell.getDefaultInstance());

    Invocation find = cells.invoke(RIDE, CELL, FindDriver.getDefaultInstance());

    assertThat(find.replies()).containsExactly(NoDriverFound.getDefaultInstance());
  }

  @Test
  void membershipMessagesFromAnythingButADriverAreRejectedWithTheSender() {
    assertThatThrownBy(() -> cells.invoke(CELL, JoinCell.getDefaultInstance()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cell " + CELL)
        .hasMessageContaining("an ingress");
    assertThatThrownBy(() -> cells.invoke(RIDE, CELL, LeaveCell.getDefaultInstance()))
        .hasMessageContaining(RIDE.toString());
  }

  private static Address driver(String id) {
    return new Address(DriverFn.TYPE, id);
  }
}
