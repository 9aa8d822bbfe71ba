package io.statefun.flink.core.state;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.state.State;
import org.apache.flink.api.common.state.StateDescriptor;

/** Creates keyed state scoped to the operator's current key. */
@Internal
public interface KeyedStateFactory {

  <S extends State> S create(StateDescriptor<S, ?> descriptor) throws Exception;
}
