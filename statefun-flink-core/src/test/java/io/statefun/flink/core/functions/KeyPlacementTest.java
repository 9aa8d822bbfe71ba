package io.statefun.flink.core.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.sdk.Address;
import io.statefun.sdk.FunctionType;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.state.KeyGroupRange;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.junit.jupiter.api.Test;

class KeyPlacementTest {

  private static List<Address> addresses() {
    List<Address> addresses = new ArrayList<>();
    String[][] types = {{"ride", "passenger"}, {"ride", "driver"}, {"shop", "cart"}, {"n", "n"}};
    for (String[] type : types) {
      FunctionType functionType = new FunctionType(type[0], type[1]);
      for (int i = 0; i < 500; i++) {
        addresses.add(new Address(functionType, "id-" + i));
      }
    }
    addresses.add(new Address(new FunctionType("ünï", "çödé"), "日本語"));
    return addresses;
  }

  @Test
  void isLocalAgreesWithFlinksKeyByPartitioning() {
    List<Address> addresses = addresses();
    for (int maxParallelism : new int[] {128, 7}) {
      for (int parallelism = 1; parallelism <= 4; parallelism++) {
        List<KeyPlacement> subtasks = new ArrayList<>();
        for (int subtask = 0; subtask < parallelism; subtask++) {
          KeyGroupRange range =
              KeyGroupRangeAssignment.computeKeyGroupRangeForOperatorIndex(
                  maxParallelism, parallelism, subtask);
          subtasks.add(new KeyPlacement(range, maxParallelism));
        }
        for (Address address : addresses) {
          int owner =
              KeyGroupRangeAssignment.assignKeyToParallelOperator(
                  address, maxParallelism, parallelism);
          for (int subtask = 0; subtask < parallelism; subtask++) {
            assertThat(subtasks.get(subtask).isLocal(address))
                .as(
                    "%s with maxParallelism %s, parallelism %s, subtask %s (owner %s)",
                    address, maxParallelism, parallelism, subtask, owner)
                .isEqualTo(owner == subtask);
          }
        }
      }
    }
  }

  @Test
  void keyGroupIsFlinksKeyGroupOfTheAddress() {
    KeyPlacement placement =
        new KeyPlacement(
            KeyGroupRangeAssignment.computeKeyGroupRangeForOperatorIndex(128, 2, 0), 128);
    for (Address address : addresses()) {
      assertThat(placement.keyGroupOf(address))
          .isEqualTo(KeyGroupRangeAssignment.assignToKeyGroup(address, 128))
          .isEqualTo(KeyGroupRangeAssignment.computeKeyGroupForKeyHash(address.hashCode(), 128));
    }
  }

  @Test
  void addressesSpreadOverSubtasks() {
    int parallelism = 4;
    int[] counts = new int[parallelism];
    for (Address address : addresses()) {
      for (int subtask = 0; subtask < parallelism; subtask++) {
        KeyPlacement placement =
            new KeyPlacement(
                KeyGroupRangeAssignment.computeKeyGroupRangeForOperatorIndex(
                    128, parallelism, subtask),
                128);
        if (placement.isLocal(address)) {
          counts[subtask]++;
        }
      }
    }
    for (int count : counts) {
      assertThat(count).as("every subtask owns some addresses").isGreaterThan(0);
    }
  }

  @Test
  void equalAddressesBuiltSeparatelyLandInTheSamePlace() {
    Address one = new Address(new FunctionType("ride", "driver"), "d-42");
    Address two =
        new Address(new FunctionType(new String("ride"), new String("driver")), "d-" + 42);
    assertThat(two).isNotSameAs(one).isEqualTo(one);
    assertThat(two.type()).isNotSameAs(one.type());

    for (int maxParallelism : new int[] {128, 7}) {
      for (int parallelism = 1; parallelism <= 4; parallelism++) {
        for (int subtask = 0; subtask < parallelism; subtask++) {
          KeyPlacement placement =
              new KeyPlacement(
                  KeyGroupRangeAssignment.computeKeyGroupRangeForOperatorIndex(
                      maxParallelism, parallelism, subtask),
                  maxParallelism);
          assertThat(placement.keyGroupOf(two)).isEqualTo(placement.keyGroupOf(one));
          assertThat(placement.isLocal(two)).isEqualTo(placement.isLocal(one));
        }
      }
    }
  }

  @Test
  void addressHashCodeIsStableAcrossJvmsAndDecidesThePlacement() {
    Address address = new Address(new FunctionType("ride", "driver"), "d-42");

    // Defined only by String.hashCode, which the JLS fixes, so every JVM agrees.
    int typeHash = 31 * "ride".hashCode() + "driver".hashCode();
    int expected = "d-42".hashCode() ^ (typeHash * 0x9E3779B9);
    assertThat(address.hashCode()).isEqualTo(expected);

    // Any key with that hash code lands in the same key group: the hash is what decides.
    Object sameHash =
        new Object() {
          @Override
          public int hashCode() {
            return expected;
          }
        };
    KeyPlacement placement =
        new KeyPlacement(KeyGroupRangeAssignment.computeKeyGroupRangeForOperatorIndex(7, 3, 1), 7);
    assertThat(placement.keyGroupOf(address))
        .isEqualTo(KeyGroupRangeAssignment.assignToKeyGroup(sameHash, 7));
  }
}
