package io.statefun.flink.core.message;

import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** Gives every {@code DataStream<RoutableMessage>} {@link RoutableMessageTypeInfo}. */
public final class RoutableMessageTypeInfoFactory extends TypeInfoFactory<RoutableMessage> {
  @Override
  public TypeInformation<RoutableMessage> createTypeInfo(
      Type type, Map<String, TypeInformation<?>> genericParameters) {
    return RoutableMessageTypeInfo.INSTANCE;
  }
}
