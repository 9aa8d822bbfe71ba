package io.statefun.flink.core.functions;

import io.statefun.flink.core.config.StatefulFunctionsConfig;
import io.statefun.flink.core.feedback.CheckpointSentinel;
import io.statefun.flink.core.feedback.FeedbackChannel;
import io.statefun.flink.core.feedback.FeedbackChannelBroker;
import io.statefun.flink.core.feedback.FeedbackKey;
import io.statefun.flink.core.message.AddressTypeInfo;
import io.statefun.flink.core.message.Message;
import io.statefun.flink.core.message.MessageTypeInfo;
import io.statefun.flink.core.translation.MessageTargetKeySelector;
import io.statefun.flink.core.universe.ModuleSet;
import io.statefun.sdk.Address;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.io.DeadLetter;
import io.statefun.sdk.io.EgressIdentifier;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.checkpoint.CheckpointOptions;
import org.apache.flink.runtime.checkpoint.CheckpointType;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.CheckpointStorageLocationReference;
import org.apache.flink.runtime.state.KeyGroupRange;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.memory.MemCheckpointStreamFactory;
import org.apache.flink.streaming.api.operators.OperatorSnapshotFinalizer;
import org.apache.flink.streaming.api.operators.OperatorSnapshotFutures;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.tasks.mailbox.Mail;
import org.apache.flink.streaming.runtime.tasks.mailbox.TaskMailbox;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;

/**
 * One subtask of the function operator in Flink's {@link KeyedOneInputStreamOperatorTestHarness},
 * hosting {@link TestFunctions}. The test thread is the task's mailbox thread: {@link #runMails()}
 * runs what the operator scheduled. A checkpoint is taken as a task takes it: the synchronous part,
 * then what the loop delivers up to the tail's sentinel, then the asynchronous part.
 */
final class FunctionGroupHarness implements AutoCloseable {
  static final int MAX_PARALLELISM = 8;
  static final String PIPELINE = "operator-test-pipeline";
  static final OutputTag<Object> EGRESS_TAG = egressTag(TestFunctions.EGRESS);

  @SuppressWarnings({"unchecked", "rawtypes"})
  static final OutputTag<Object> DEAD_LETTER_TAG =
      new OutputTag<>(
          "statefun-egress/statefun/dead-letters",
          (org.apache.flink.api.common.typeinfo.TypeInformation)
              org.apache.flink.api.common.typeinfo.TypeInformation.of(DeadLetter.class));

  /** A setting of this harness (not of statefun): {@code bound} binds the dead-letter egress. */
  static final String DEAD_LETTER_EGRESS = "test.dead-letter-egress";

  final KeyedOneInputStreamOperatorTestHarness<Address, Message, Message> harness;
  final KeyGroupRange keyGroups;

  private FunctionGroupHarness(
      int parallelism, int subtask, Map<String, String> settings, OperatorSubtaskState restored)
      throws Exception {
    StatefulFunctionsConfig config =
        StatefulFunctionsConfig.fromFlinkConfiguration(
            Configuration.fromMap(settings), FunctionGroupHarness.class.getClassLoader());
    FunctionGroupOperatorFactory factory =
        new FunctionGroupOperatorFactory(
            PIPELINE,
            ModuleSet.of(false, List.of(new TestFunctions.Module()), Map.of()),
            config,
            "bound".equals(settings.get(DEAD_LETTER_EGRESS))
                ? Map.of(TestFunctions.EGRESS, EGRESS_TAG, DeadLetter.EGRESS, DEAD_LETTER_TAG)
                : Map.of(TestFunctions.EGRESS, EGRESS_TAG));
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            factory,
            new MessageTargetKeySelector(),
            AddressTypeInfo.INSTANCE,
            MAX_PARALLELISM,
            parallelism,
            subtask);
    if ("rocksdb".equals(settings.get("state.backend.type"))) {
      harness.setStateBackend(new org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend());
    }
    harness.setup(
        new MessageTypeInfo(config.payloadSerializer())
            .createSerializer(harness.getExecutionConfig().getSerializerConfig()));
    if (restored == null) {
      harness.initializeEmptyState();
    } else {
      harness.initializeState(restored);
    }
    harness.open();
    keyGroups =
        KeyGroupRangeAssignment.computeKeyGroupRangeForOperatorIndex(
            MAX_PARALLELISM, parallelism, subtask);
  }

  static FunctionGroupHarness open(int parallelism, int subtask, Map<String, String> settings)
      throws Exception {
    return new FunctionGroupHarness(parallelism, subtask, settings, null);
  }

  static FunctionGroupHarness restore(
      int parallelism, int subtask, Map<String, String> settings, OperatorSubtaskState state)
      throws Exception {
    return new FunctionGroupHarness(parallelism, subtask, settings, state);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static OutputTag<Object> egressTag(EgressIdentifier<?> id) {
    return new OutputTag<>(
        "statefun-egress/" + id.namespace() + "/" + id.name(),
        (org.apache.flink.api.common.typeinfo.TypeInformation) Types.STRING);
  }

  /** An id whose address lives in {@code keyGroups} when {@code inside}, else outside it. */
  static String idWhere(KeyGroupRange keyGroups, String prefix, boolean inside) {
    return idWhere(keyGroups, TestFunctions.FN, prefix, inside);
  }

  /** Like {@link #idWhere(KeyGroupRange, String, boolean)}, for function type {@code type}. */
  static String idWhere(KeyGroupRange keyGroups, FunctionType type, String prefix, boolean inside) {
    for (int i = 0; ; i++) {
      String id = prefix + "-" + i;
      int keyGroup =
          KeyGroupRangeAssignment.assignToKeyGroup(new Address(type, id), MAX_PARALLELISM);
      if (keyGroups.contains(keyGroup) == inside) {
        return id;
      }
    }
  }

  String localId(String prefix) {
    return idWhere(keyGroups, prefix, true);
  }

  String remoteId(String prefix) {
    return idWhere(keyGroups, prefix, false);
  }

  /** A message from an ingress router, as the network input delivers it. */
  void process(String id, Object payload) throws Exception {
    harness.processElement(
        new StreamRecord<>(new Message(null, TestFunctions.address(id), payload)));
  }

  /**
   * A message to {@code target} from {@code source} (null: an ingress), as the input delivers it.
   */
  void process(Address source, Address target, Object payload) throws Exception {
    harness.processElement(new StreamRecord<>(new Message(source, target, payload)));
  }

  /** Runs every mail the operator scheduled, including the ones those schedule. */
  int runMails() throws Exception {
    return runMails(harness);
  }

  /** Runs every mail {@code harness}'s operator scheduled; returns how many ran. */
  static int runMails(OneInputStreamOperatorTestHarness<Message, Message> harness)
      throws Exception {
    TaskMailbox mailbox = harness.getTaskMailbox();
    int ran = 0;
    Optional<Mail> mail;
    while ((mail = mailbox.tryTake(TaskMailbox.MIN_PRIORITY)).isPresent()) {
      mail.get().run();
      ran++;
    }
    return ran;
  }

  /** The channel the co-located feedback tail puts into. */
  FeedbackChannel<Object> feedbackChannel() {
    return feedbackChannel(harness, PIPELINE);
  }

  /** The feedback channel of {@code harness}'s operator in pipeline {@code pipeline}. */
  static FeedbackChannel<Object> feedbackChannel(
      OneInputStreamOperatorTestHarness<Message, Message> harness, String pipeline) {
    return FeedbackChannelBroker.get()
        .channel(FeedbackKey.of(pipeline, harness.getOperator().getRuntimeContext()));
  }

  /** A message another subtask sent to {@code id}, arriving round the loop. */
  void feedback(String fromId, String id, Object payload) throws IOException {
    feedbackChannel()
        .put(new Message(TestFunctions.address(fromId), TestFunctions.address(id), payload));
  }

  /**
   * Takes checkpoint {@code id}: the operator's snapshot, then {@code inFlight} (feedback records
   * that were sent before the cut and are drained after the barrier), then the tail's sentinel,
   * then the asynchronous part that completes once the feedback log is written.
   */
  OperatorSubtaskState checkpoint(long id, List<Message> inFlight) throws Exception {
    return checkpoint(harness, PIPELINE, id, inFlight);
  }

  /** Like {@link #checkpoint(long, List)}, for {@code harness} in pipeline {@code pipeline}. */
  static OperatorSubtaskState checkpoint(
      OneInputStreamOperatorTestHarness<Message, Message> harness,
      String pipeline,
      long id,
      List<Message> inFlight)
      throws Exception {
    OperatorSnapshotFutures futures = snapshot(harness, id);
    FeedbackChannel<Object> channel = feedbackChannel(harness, pipeline);
    for (Message message : inFlight) {
      channel.put(message);
    }
    channel.put(new CheckpointSentinel(id));
    runMails(harness);
    return OperatorSnapshotFinalizer.create(futures).getJobManagerOwnedState();
  }

  /**
   * The synchronous part of checkpoint {@code id} only: its feedback log is open until the sentinel
   * comes round, and its asynchronous part waits for it.
   */
  OperatorSnapshotFutures snapshot(long id) throws Exception {
    return snapshot(harness, id);
  }

  private static OperatorSnapshotFutures snapshot(
      OneInputStreamOperatorTestHarness<Message, Message> harness, long id) throws Exception {
    return harness
        .getOperator()
        .snapshotState(
            id,
            id,
            CheckpointOptions.alignedNoTimeout(
                CheckpointType.CHECKPOINT, CheckpointStorageLocationReference.getDefault()),
            new MemCheckpointStreamFactory(64 * 1024 * 1024));
  }

  /** The messages the operator sent to other subtasks, in order. */
  List<Message> remote() {
    return new ArrayList<>(harness.extractOutputValues());
  }

  /** The records of the test egress's side output, in order. */
  List<Object> egress() {
    List<Object> records = new ArrayList<>();
    var side = harness.getSideOutput(EGRESS_TAG);
    if (side != null) {
      side.forEach(r -> records.add(r.getValue()));
    }
    return records;
  }

  /** The dead letters the operator sent, in order. */
  List<DeadLetter> deadLetters() {
    List<DeadLetter> letters = new ArrayList<>();
    var side = harness.getSideOutput(DEAD_LETTER_TAG);
    if (side != null) {
      side.forEach(r -> letters.add((DeadLetter) r.getValue()));
    }
    return letters;
  }

  static Map<String, String> settings(String... keyValues) {
    Map<String, String> settings = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      settings.put(keyValues[i], keyValues[i + 1]);
    }
    return settings;
  }

  @Override
  public void close() throws Exception {
    harness.close();
  }
}
