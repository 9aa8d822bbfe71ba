package io.statefun.flink.harness.io;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

/** Hands each registered reader the splits that are its share; keeps the rest until asked. */
final class GeneratorSplitEnumerator
    implements SplitEnumerator<GeneratorSplit, List<GeneratorSplit>> {
  private final SplitEnumeratorContext<GeneratorSplit> context;
  private final List<GeneratorSplit> unassigned;

  GeneratorSplitEnumerator(
      SplitEnumeratorContext<GeneratorSplit> context, List<GeneratorSplit> unassigned) {
    this.context = context;
    this.unassigned = new ArrayList<>(unassigned);
  }

  @Override
  public void start() {}

  @Override
  public void handleSplitRequest(int subtaskId, String requesterHostname) {}

  @Override
  public void addSplitsBack(List<GeneratorSplit> splits, int subtaskId) {
    unassigned.addAll(splits);
    if (context.registeredReaders().containsKey(subtaskId)) {
      addReader(subtaskId);
    }
  }

  @Override
  public void addReader(int subtaskId) {
    int parallelism = context.currentParallelism();
    Iterator<GeneratorSplit> it = unassigned.iterator();
    while (it.hasNext()) {
      GeneratorSplit split = it.next();
      if (split.id % parallelism == subtaskId) {
        context.assignSplit(split, subtaskId);
        it.remove();
      }
    }
    // Its share is complete (possibly empty): the reader can tell what it still has to emit.
    context.signalNoMoreSplits(subtaskId);
  }

  @Override
  public List<GeneratorSplit> snapshotState(long checkpointId) {
    return new ArrayList<>(unassigned);
  }

  @Override
  public void close() {}
}
