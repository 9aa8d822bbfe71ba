package io.statefun.testutil;

import io.statefun.sdk.io.EgressIdentifier;
import java.util.ArrayList;
import java.util.List;

/** Picks the records of one egress out of a list of egress records. */
final class Records {
  private Records() {}

  static <T> List<T> of(List<EgressRecord> records, EgressIdentifier<T> egress) {
    if (egress == null) {
      throw new IllegalArgumentException("egress identifier must not be null");
    }
    List<T> matching = new ArrayList<>();
    for (EgressRecord record : records) {
      if (record.egress().equals(egress)) {
        matching.add(egress.consumedType().cast(record.record()));
      }
    }
    return matching;
  }
}
