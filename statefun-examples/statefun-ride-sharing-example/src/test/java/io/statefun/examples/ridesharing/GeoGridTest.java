package io.statefun.examples.ridesharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.statefun.examples.ridesharing.geo.GeoGrid;
import org.junit.jupiter.api.Test;

class GeoGridTest {

  @Test
  void cellsAreHundredthsOfADegree() {
    assertThat(GeoGrid.cellOf(52.5205, 13.4049)).isEqualTo("5252:1340");
    assertThat(GeoGrid.cellOf(-33.8688, 151.2093)).isEqualTo("-3387:15120");
  }

  @Test
  void theNeighbourhoodIsTheCellThenItsNeighboursNorthWestToSouthEast() {
    assertThat(GeoGrid.neighbourhood("5252:1340"))
        .containsExactly(
            "5252:1340",
            "5253:1339",
            "5253:1340",
            "5253:1341",
            "5252:1339",
            "5252:1341",
            "5251:1339",
            "5251:1340",
            "5251:1341");
  }

  @Test
  void aMalformedCellIsNamed() {
    assertThatThrownBy(() -> GeoGrid.neighbourhood("north"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'north'");
  }

  @Test
  void distancesAreGreatCircleKilometres() {
    // A hundredth of a degree of latitude is 1.112 km; Berlin to Paris is about 878 km.
    assertThat(GeoGrid.distanceKm(52.50, 13.405, 52.51, 13.405)).isCloseTo(1.112, within(0.001));
    assertThat(GeoGrid.distanceKm(52.5200, 13.4050, 48.8566, 2.3522)).isCloseTo(878, within(2.0));
  }
}
