package io.statefun.flink.core.translation;

import io.statefun.flink.core.message.Message;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.transformations.PartitionTransformation;
import org.apache.flink.streaming.runtime.partitioner.KeyGroupStreamPartitioner;

/**
 * The edge from the function operator to the feedback tail: keyed by target, like the routers'
 * output, and aligned in every checkpoint, also when the job takes unaligned checkpoints.
 *
 * <p>The tail puts a checkpoint's sentinel into its channel when it takes its snapshot. Only an
 * aligned barrier makes that the right moment: the tail then waits for the barrier of every
 * function subtask, so every message sent before a function subtask's snapshot is in the channel
 * ahead of the sentinel and none sent after it is; and among those barriers is the one of the
 * co-located function subtask, which has opened the checkpoint's feedback log by then. An unaligned
 * barrier would let the tail snapshot at the first function subtask's barrier: the sentinel could
 * reach the function operator before its own snapshot (so the log is never written), and messages
 * Flink keeps as the tail's in-flight data could be applied before that snapshot and again after a
 * restore.
 *
 * <p>Flink sends a barrier over an edge whose partitioner does not support unaligned checkpoints as
 * a forced-aligned one, in line with the records (not even an aligned-checkpoint timeout turns it
 * unaligned). Only this edge is aligned: the router → functions edges, where back-pressure builds
 * up, stay unaligned. Alignment here is short, because the tail never blocks.
 *
 * <p>Flink aligns at all only in exactly-once mode, which a job has only with periodic checkpoints;
 * see {@link io.statefun.flink.core.feedback.BarrierAlignment} for the savepoints of one without.
 */
final class FeedbackEdge {
  private FeedbackEdge() {}

  /**
   * The functions' remote messages, routed to the tail subtask that shares a slot with the target's
   * function subtask.
   */
  static DataStream<Message> toTail(
      SingleOutputStreamOperator<Message> functions, int maxParallelism) {
    KeyGroupStreamPartitioner<Message, ?> partitioner =
        new KeyGroupStreamPartitioner<>(new MessageTargetKeySelector(), maxParallelism);
    partitioner.disableUnalignedCheckpoints();
    // A keyBy without a keyed operator behind it: the tail needs the routing, not a state backend.
    return new DataStream<>(
        functions.getExecutionEnvironment(),
        new PartitionTransformation<>(functions.getTransformation(), partitioner));
  }
}
