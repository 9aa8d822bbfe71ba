package io.statefun.flink.core.functions;

import io.statefun.sdk.Address;
import io.statefun.sdk.io.EgressIdentifier;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** What an invocation's context asks the operator to do. */
interface Dispatcher {

  void send(Address from, Address to, Object payload);

  <T> void sendToEgress(Address from, EgressIdentifier<T> egress, T record);

  void sendAfter(Address from, Duration delay, Address to, Object payload, String token);

  void cancelDelayedMessage(Address from, String token);

  void registerAsyncOperation(Address owner, Object metadata, CompletableFuture<?> future);
}
