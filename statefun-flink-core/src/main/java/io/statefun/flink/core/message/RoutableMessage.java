package io.statefun.flink.core.message;

import io.statefun.sdk.Address;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * A message for a function, from outside any ingress: the elements of a {@code DataStream} that a
 * DataStream program feeds into statefun. Build one with {@link RoutableMessageBuilder}.
 *
 * <p>Flink derives this type's information from the annotation, so {@code stream.map(x ->
 * RoutableMessageBuilder.builder()…build())} needs no {@code returns(…)} and no Kryo for the
 * envelope.
 */
@TypeInfo(RoutableMessageTypeInfoFactory.class)
public interface RoutableMessage {

  /** The sender, or null when the message comes from outside any function. */
  Address source();

  /** The function instance the message is for. */
  Address target();

  /** The message body the target's {@code invoke} receives. */
  Object payload();
}
