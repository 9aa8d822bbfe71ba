package io.statefun.flink.core.translation;

import io.statefun.flink.core.state.StateTypes;
import io.statefun.sdk.io.EgressIdentifier;
import org.apache.flink.util.OutputTag;

/** The side output of each egress. */
final class EgressTags {
  private EgressTags() {}

  @SuppressWarnings({"unchecked", "rawtypes"})
  static OutputTag<Object> of(EgressIdentifier<?> id) {
    return new OutputTag<>(
        Uids.egress(id),
        (org.apache.flink.api.common.typeinfo.TypeInformation) StateTypes.of(id.consumedType()));
  }
}
