package io.statefun.flink.core.translation;

import io.statefun.flink.core.failure.DeadLetterTypeInfo;
import io.statefun.flink.core.message.PayloadSerializerKind;
import io.statefun.flink.core.state.StateTypes;
import io.statefun.sdk.io.DeadLetter;
import io.statefun.sdk.io.EgressIdentifier;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

/** The side output of each egress. */
final class EgressTags {
  private EgressTags() {}

  /** The side output of egress {@code id}, with the default payload serializer. */
  static OutputTag<Object> of(EgressIdentifier<?> id) {
    return of(id, PayloadSerializerKind.DEFAULT);
  }

  /**
   * The side output of egress {@code id}; the dead-letter egress's records carry payloads, which
   * travel as messages do ({@code payloads}).
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static OutputTag<Object> of(EgressIdentifier<?> id, PayloadSerializerKind payloads) {
    TypeInformation type =
        id.equals(DeadLetter.EGRESS)
            ? new DeadLetterTypeInfo(payloads)
            : StateTypes.of(id.consumedType());
    return new OutputTag<>(Uids.egress(id), type);
  }
}
