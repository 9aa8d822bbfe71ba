package io.statefun.examples.ridesharing.geo;

import java.util.ArrayList;
import java.util.List;

/**
 * Divides the map into square cells of 0.01 degrees (about 1.1 km north to south) and measures
 * distances. A cell's id is {@code row:column}, the floor of latitude and longitude in hundredths
 * of a degree, as in {@code 5252:1340} for central Berlin.
 */
public final class GeoGrid {
  static final double CELL_DEGREES = 0.01;
  private static final double EARTH_RADIUS_KM = 6371.0;

  private GeoGrid() {}

  public static String cellOf(double lat, double lon) {
    return cell((long) Math.floor(lat / CELL_DEGREES), (long) Math.floor(lon / CELL_DEGREES));
  }

  /**
   * The cell itself first, then its eight neighbours, north-west to south-east row by row: the
   * order in which a ride looks for a driver.
   */
  public static List<String> neighbourhood(String cell) {
    String[] parts = cell.split(":");
    if (parts.length != 2) {
      throw new IllegalArgumentException("not a cell id (row:column): '" + cell + "'");
    }
    long row = Long.parseLong(parts[0]);
    long column = Long.parseLong(parts[1]);
    List<String> cells = new ArrayList<>(9);
    cells.add(cell);
    for (long r = row + 1; r >= row - 1; r--) {
      for (long c = column - 1; c <= column + 1; c++) {
        if (r != row || c != column) {
          cells.add(cell(r, c));
        }
      }
    }
    return cells;
  }

  /** The great-circle distance in kilometres (haversine). */
  public static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
    double dLat = Math.toRadians(lat2 - lat1);
    double dLon = Math.toRadians(lon2 - lon1);
    double a =
        Math.sin(dLat / 2) * Math.sin(dLat / 2)
            + Math.cos(Math.toRadians(lat1))
                * Math.cos(Math.toRadians(lat2))
                * Math.sin(dLon / 2)
                * Math.sin(dLon / 2);
    return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
  }

  private static String cell(long row, long column) {
    return row + ":" + column;
  }
}
