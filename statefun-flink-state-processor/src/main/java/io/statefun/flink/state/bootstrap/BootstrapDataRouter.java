package io.statefun.flink.state.bootstrap;

import io.statefun.sdk.io.Router;
import java.io.Serializable;

/**
 * Routes a bootstrap record to the addresses whose state it initialises (any number, as an ingress
 * router). It runs inside the bootstrap job, so it must be serializable.
 */
@FunctionalInterface
public interface BootstrapDataRouter<T> extends Router<T>, Serializable {}
