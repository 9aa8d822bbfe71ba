package io.statefun.flink.core.state;

import io.statefun.flink.core.message.ProtobufDetection;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;

/**
 * Picks the Flink type information for a user type kept in state or carried on an ingress or egress
 * edge: protobuf messages get their own wire format, everything else what Flink derives.
 */
@Internal
public final class StateTypes {
  private StateTypes() {}

  @SuppressWarnings({"unchecked", "rawtypes"})
  public static <T> TypeInformation<T> of(Class<T> type) {
    if (ProtobufDetection.isMessageType(type)) {
      // Kryo cannot serialize protobuf messages; their own wire format can.
      return (TypeInformation) new ProtobufTypeInfo(type);
    }
    return TypeInformation.of(type);
  }

  /**
   * Like {@link #of(Class)}, for a value of the state described by {@code state}: types that fall
   * back to Kryo get a serializer that names the state when a value cannot be read (see {@link
   * NamedStateSerializer}). Other types keep their own serializer and its own errors.
   */
  public static <T> TypeInformation<T> ofState(Class<T> type, String state) {
    TypeInformation<T> info = of(type);
    return info instanceof GenericTypeInfo ? new NamedStateTypeInfo<>(state, info) : info;
  }
}
