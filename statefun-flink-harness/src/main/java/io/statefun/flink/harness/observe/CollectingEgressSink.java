package io.statefun.flink.harness.observe;

import io.statefun.sdk.io.EgressIdentifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.metrics.Counter;

/**
 * A two-phase sink into the run's {@link EgressCollector}: each writer stages the records it got
 * since the last checkpoint as a batch, and Flink's committer commits the batch once that
 * checkpoint completes. The committable is only the batch's name; the records wait in the collector
 * (the MiniCluster is this JVM), so they need no serializer.
 */
@Internal
public final class CollectingEgressSink<T> implements Sink<T>, SupportsCommitter<String> {
  private static final long serialVersionUID = 1L;

  private final String runId;
  private final EgressIdentifier<T> egress;

  public CollectingEgressSink(String runId, EgressIdentifier<T> egress) {
    this.runId = runId;
    this.egress = egress;
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    EgressCollector<T> collector = HarnessRuns.get(runId).collector(egress);
    String writer =
        runId
            + "/"
            + context.getTaskInfo().getIndexOfThisSubtask()
            + "#"
            + context.getTaskInfo().getAttemptNumber();
    return new Writer<>(
        collector, writer, context.metricGroup().counter(Quiescence.EGRESS_RECORDS_COLLECTED));
  }

  @Override
  public Committer<String> createCommitter(CommitterInitContext context) {
    EgressCollector<T> collector = HarnessRuns.get(runId).collector(egress);
    return new Committer<>() {
      @Override
      public void commit(Collection<CommitRequest<String>> requests) {
        for (CommitRequest<String> request : requests) {
          String batch = request.getCommittable();
          // A job restored from a savepoint re-commits the batches the savepoint holds; the job
          // that took it committed them already.
          if (batch.startsWith(runId + "/")) {
            collector.commit(batch);
          }
        }
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public SimpleVersionedSerializer<String> getCommittableSerializer() {
    return new BatchNameSerializer();
  }

  private static final class Writer<T> implements CommittingSinkWriter<T, String> {
    private final EgressCollector<T> collector;
    private final String name;
    private final Counter collected;
    private List<T> batch = new ArrayList<>();
    private long batches;

    Writer(EgressCollector<T> collector, String name, Counter collected) {
      this.collector = collector;
      this.name = name;
      this.collected = collected;
    }

    @Override
    public void write(T element, Context context) {
      batch.add(element);
      collector.written(element);
      // After the record is readable: quiescence compares it with the writer's records in.
      collected.inc();
    }

    @Override
    public Collection<String> prepareCommit() {
      if (batch.isEmpty()) {
        return List.of();
      }
      String batchName = name + "/" + batches++;
      collector.stage(batchName, batch);
      batch = new ArrayList<>();
      return List.of(batchName);
    }

    @Override
    public void flush(boolean endOfInput) {}

    @Override
    public void close() {}
  }

  private static final class BatchNameSerializer implements SimpleVersionedSerializer<String> {
    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(String batch) {
      return batch.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String deserialize(int version, byte[] serialized) throws IOException {
      if (version != 1) {
        throw new IOException("unknown version " + version + " of a collecting egress batch");
      }
      return new String(serialized, StandardCharsets.UTF_8);
    }
  }
}
