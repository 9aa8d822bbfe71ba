package io.statefun.flink.harness.io;

import org.apache.flink.api.connector.source.SourceSplit;

/**
 * Every {@code stride}-th index starting at {@code id}, with the next index to emit. Splitting the
 * index space by stride keeps each index in exactly one split whatever the parallelism.
 */
final class GeneratorSplit implements SourceSplit {
  final int id;
  final int stride;
  final long next;

  GeneratorSplit(int id, int stride, long next) {
    this.id = id;
    this.stride = stride;
    this.next = next;
  }

  @Override
  public String splitId() {
    return "generator-" + id;
  }

  @Override
  public String toString() {
    return "GeneratorSplit{id=" + id + ", stride=" + stride + ", next=" + next + '}';
  }
}
