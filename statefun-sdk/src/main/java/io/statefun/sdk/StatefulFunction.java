package io.statefun.sdk;

/**
 * A stateful function: user code invoked with one message at a time for one {@link Address}.
 *
 * <p>The runtime creates one instance per function type per parallel instance (not one per address)
 * and invokes it for every address of that type that the parallel instance hosts. Fields annotated
 * with {@link io.statefun.sdk.annotations.Persisted} are bound to the state of the address being
 * invoked; any other instance field is shared by all addresses and is not checkpointed.
 *
 * <p>Invocations never overlap: the runtime calls {@code invoke} from a single thread.
 */
public interface StatefulFunction {

  /**
   * Handles one message.
   *
   * @param context the invocation's context: who is being invoked, who sent the message, and how to
   *     send messages. Valid only during this call.
   * @param input the message; an {@link AsyncOperationResult} when an operation registered with
   *     {@link Context#registerAsyncOperation} completes. Never null.
   * @throws RuntimeException any exception fails the task; the runtime restarts it from the last
   *     checkpoint
   */
  void invoke(Context context, Object input);
}
