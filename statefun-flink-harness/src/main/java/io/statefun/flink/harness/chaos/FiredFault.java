package io.statefun.flink.harness.chaos;

/**
 * A fault that fired.
 *
 * @param fault the fault
 * @param where what ran when it fired (the address or the ingress record)
 * @param completedCheckpoints how many checkpoints had completed then
 */
public record FiredFault(Fault fault, String where, long completedCheckpoints) {}
