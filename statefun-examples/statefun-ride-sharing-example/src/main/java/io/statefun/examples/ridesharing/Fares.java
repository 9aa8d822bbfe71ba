package io.statefun.examples.ridesharing;

/** What a ride costs: a base fare plus a price per kilometre driven with the passenger. */
public final class Fares {
  static final long BASE_CENTS = 250;
  static final long CENTS_PER_KM = 120;

  private Fares() {}

  public static long centsFor(double drivenKm) {
    return BASE_CENTS + Math.round(CENTS_PER_KM * drivenKm);
  }
}
