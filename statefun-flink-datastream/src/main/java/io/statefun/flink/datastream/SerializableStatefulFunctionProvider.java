package io.statefun.flink.datastream;

import io.statefun.sdk.StatefulFunctionProvider;
import java.io.Serializable;

/**
 * A {@link StatefulFunctionProvider} that travels with the job to the task managers; a lambda such
 * as {@code type -> new GreeterFn()} is one.
 */
@FunctionalInterface
public interface SerializableStatefulFunctionProvider
    extends StatefulFunctionProvider, Serializable {}
