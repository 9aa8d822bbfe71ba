package io.statefun.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.InvalidProtocolBufferException;
import io.statefun.e2e.cluster.Await;
import io.statefun.examples.ridesharing.generated.DriverLocation;
import io.statefun.examples.ridesharing.generated.DriverStatus;
import io.statefun.examples.ridesharing.generated.RideEvent;
import io.statefun.examples.ridesharing.generated.RideRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.junit.jupiter.api.Test;

/**
 * The ride-sharing application jar on a standalone Flink session cluster with a Kafka broker. This
 * test speaks to it as any outside client would: its protobuf classes are generated in this module
 * from the example's {@code ride_sharing.proto}; it produces ride requests and driver locations in
 * their wire format and reads the ride events and driver status back, committed, from the egress
 * topics.
 *
 * <p>The script is fed one step at a time: a step's records are produced only once every output of
 * the previous step is committed, so who meets whom does not depend on timing, and each step's
 * outputs are compared exactly with what the functions' logic implies. The first two steps are
 * produced before the job starts; halfway, the job is stopped with a savepoint and resubmitted from
 * it, so the rest of the script runs on restored ride, driver and cell state (protobuf values) and
 * restored Kafka offsets.
 *
 * <p>All places lie on the meridian 13.405 E, so distances are differences of latitude (0.0045
 * degrees is about 0.5 km), and cells are {@code <hundredths of latitude>:1340}.
 */
class RideSharingOnClusterIT extends OnClusterTestBase {
  private static final String REQUESTS_TOPIC = "e2e-ride-requests";
  private static final String LOCATIONS_TOPIC = "e2e-driver-locations";
  private static final String EVENTS_TOPIC = "e2e-ride-events";
  private static final String STATUS_TOPIC = "e2e-driver-status";

  /** How many steps run before the job is stopped with a savepoint and resubmitted from it. */
  private static final int STEPS_BEFORE_SAVEPOINT = 8;

  /** Records produced together, and the outputs (as {@link #describe}d) they must cause. */
  private record Step(List<ProducerRecord<byte[], byte[]>> records, List<String> expected) {
    static Step of(ProducerRecord<byte[], byte[]> record, String... expected) {
      return new Step(List.of(record), List.of(expected));
    }
  }

  private static final List<Step> BEFORE_START =
      List.of(
          Step.of(location("d1", 52.505, 1), "driver d1 AVAILABLE cell=5250:1340"),
          Step.of(location("d2", 52.525, 1), "driver d2 AVAILABLE cell=5252:1340"));

  private static final List<Step> WHILE_RUNNING =
      List.of(
          Step.of(
              request("alice", 52.505, 1.0),
              "ride alice-1 REQUESTED passenger=alice cell=5250:1340",
              "ride alice-1 DRIVER_ASSIGNED passenger=alice driver=d1 cell=5250:1340 approach=0.00",
              "driver d1 ON_RIDE cell=5250:1340 ride=alice-1"),
          // d2 is two cells north: outside the neighbourhood of 5250:1340.
          Step.of(
              request("bob", 52.505, 2.0),
              "ride bob-1 REQUESTED passenger=bob cell=5250:1340",
              "ride bob-1 NO_DRIVER passenger=bob cell=5250:1340"),
          Step.of(request("alice", 52.505, 1.0), "ride alice-1 REJECTED passenger=alice"),
          // d1 was assigned at the pickup: it picks alice up at once and drops her 1 km on.
          Step.of(location("d1", 52.5095, 2), "ride alice-1 PICKED_UP passenger=alice driver=d1"),
          Step.of(
              location("d1", 52.514, 3),
              "ride alice-1 COMPLETED passenger=alice driver=d1 trip=1.00 fare=370",
              "driver d1 AVAILABLE cell=5251:1340"),
          // The pickup's own cell is empty; its northern neighbour has d1, 1 km away.
          Step.of(
              request("bob", 52.505, 2.0),
              "ride bob-2 REQUESTED passenger=bob cell=5250:1340",
              "ride bob-2 DRIVER_ASSIGNED passenger=bob driver=d1 cell=5251:1340 approach=1.00",
              "driver d1 ON_RIDE cell=5251:1340 ride=bob-2"),
          // --- stop with savepoint, resubmit from it ---
          // A late, older report of d1 far away is ignored: the pickup comes with the next one.
          new Step(
              List.of(
                  location("d1", 52.600, 1), location("d2", 52.515, 2), location("d1", 52.505, 4)),
              List.of(
                  "driver d2 AVAILABLE cell=5251:1340",
                  "ride bob-2 PICKED_UP passenger=bob driver=d1")),
          // d0 joins d2's cell later: d2 has waited longer and gets the next ride there.
          Step.of(location("d0", 52.5155, 1), "driver d0 AVAILABLE cell=5251:1340"),
          Step.of(
              request("carol", 52.515, 0.5),
              "ride carol-1 REQUESTED passenger=carol cell=5251:1340",
              "ride carol-1 DRIVER_ASSIGNED passenger=carol driver=d2 cell=5251:1340 approach=0.00",
              "driver d2 ON_RIDE cell=5251:1340 ride=carol-1"),
          Step.of(
              location("d1", 52.487, 5),
              "ride bob-2 COMPLETED passenger=bob driver=d1 trip=2.00 fare=490",
              "driver d1 AVAILABLE cell=5248:1340"),
          // One report takes carol from the pickup to the drop-off.
          Step.of(
              location("d2", 52.520, 3),
              "ride carol-1 PICKED_UP passenger=carol driver=d2",
              "ride carol-1 COMPLETED passenger=carol driver=d2 trip=0.56 fare=317",
              "driver d2 AVAILABLE cell=5252:1340"));

  /** Each ride's events across the whole script, in the order the ride must emit them. */
  private static final List<List<String>> LIFECYCLES =
      List.of(
          List.of(
              "alice-1 REQUESTED",
              "alice-1 DRIVER_ASSIGNED",
              "alice-1 REJECTED",
              "alice-1 PICKED_UP",
              "alice-1 COMPLETED"),
          List.of("bob-1 REQUESTED", "bob-1 NO_DRIVER"),
          List.of("bob-2 REQUESTED", "bob-2 DRIVER_ASSIGNED", "bob-2 PICKED_UP", "bob-2 COMPLETED"),
          List.of(
              "carol-1 REQUESTED",
              "carol-1 DRIVER_ASSIGNED",
              "carol-1 PICKED_UP",
              "carol-1 COMPLETED"));

  private int eventsSeen;
  private int statusSeen;

  RideSharingOnClusterIT() {
    super("ride-sharing", "ride-sharing.app.jar");
  }

  @Test
  void matchesDriversAndReportsEachRideExactlyThroughASavepoint() throws Exception {
    broker.createTopic(REQUESTS_TOPIC, 2);
    broker.createTopic(LOCATIONS_TOPIC, 2);
    // One partition each: the outputs can be checked in the order they were written.
    broker.createTopic(EVENTS_TOPIC, 1);
    broker.createTopic(STATUS_TOPIC, 1);

    List<String> beforeStart = new ArrayList<>();
    for (Step step : BEFORE_START) {
      broker.produce(step.records());
      beforeStart.addAll(step.expected());
    }
    long start = System.nanoTime();
    String first = submit(null);
    figures.record("ride-sharing: job submission (REST run until every task runs)", since(start));
    // The program argument reached the job: ingress records pass to the router uncopied.
    assertThat(
            rest.get("/jobs/" + first + "/config")
                .path("execution-config")
                .path("object-reuse-mode")
                .asBoolean())
        .as("object reuse of the job")
        .isTrue();
    assertThat(awaitOutputs(beforeStart.size()))
        .as("outputs of the records produced before the start")
        .containsExactlyInAnyOrderElementsOf(beforeStart);
    figures.record("ride-sharing: submission until the first outputs committed", since(start));

    long steps = System.nanoTime();
    for (int i = 0; i < STEPS_BEFORE_SAVEPOINT - BEFORE_START.size(); i++) {
      runStep(i);
    }
    figures.record(
        "ride-sharing: "
            + (STEPS_BEFORE_SAVEPOINT - BEFORE_START.size())
            + " steps, each produced, processed and committed",
        since(steps));

    start = System.nanoTime();
    String savepoint = stopWithSavepoint(first);
    String second = submit(savepoint);
    assertThat(
            rest.checkpoints(second).path("latest").path("restored").path("external_path").asText())
        .isEqualTo(savepoint);
    figures.record("ride-sharing: stop with savepoint until resubmitted job runs", since(start));

    for (int i = STEPS_BEFORE_SAVEPOINT - BEFORE_START.size(); i < WHILE_RUNNING.size(); i++) {
      runStep(i);
    }

    Thread.sleep(3000); // a few more checkpoints: anything extra would be committed by now
    List<RideEvent> events = committedEvents();
    List<DriverStatus> status = committedStatus();
    int expectedTotal =
        (int)
            java.util.stream.Stream.concat(BEFORE_START.stream(), WHILE_RUNNING.stream())
                .mapToLong(step -> step.expected().size())
                .sum();
    assertThat(events.size() + status.size()).as("outputs in all").isEqualTo(expectedTotal);
    for (List<String> lifecycle : LIFECYCLES) {
      String ride = lifecycle.get(0).split(" ")[0];
      assertThat(
              events.stream()
                  .filter(e -> e.getRideId().equals(ride))
                  .map(e -> ride + " " + e.getKind())
                  .toList())
          .as("events of ride %s, in order", ride)
          .containsExactlyElementsOf(lifecycle);
    }
  }

  /** Produces step {@code i} of {@link #WHILE_RUNNING} and checks exactly what it caused. */
  private void runStep(int i) throws Exception {
    Step step = WHILE_RUNNING.get(i);
    broker.produce(step.records());
    assertThat(awaitOutputs(step.expected().size()))
        .as("outputs of step %d", i)
        .containsExactlyInAnyOrderElementsOf(step.expected());
  }

  /** Waits until {@code count} more outputs are committed; returns the new ones, described. */
  private List<String> awaitOutputs(int count) throws Exception {
    List<String> fresh = new ArrayList<>();
    Await.until(
        count + " more outputs committed",
        JOB_TIMEOUT,
        () -> {
          List<RideEvent> events = committedEvents();
          List<DriverStatus> status = committedStatus();
          fresh.clear();
          events.stream()
              .skip(eventsSeen)
              .map(RideSharingOnClusterIT::describe)
              .forEach(fresh::add);
          status.stream()
              .skip(statusSeen)
              .map(RideSharingOnClusterIT::describe)
              .forEach(fresh::add);
          if (fresh.size() < count) {
            return fresh.size() + " of " + count + ": " + fresh;
          }
          eventsSeen = events.size();
          statusSeen = status.size();
          return null;
        });
    return fresh;
  }

  private String submit(String savepoint) throws Exception {
    return runAndAwaitRunning(
        "ride-sharing",
        2,
        savepoint,
        List.of(
            "--statefun.flink-job-name",
            "ride-sharing",
            "--statefun.module.global-config.kafka-address",
            broker.bootstrapServers(),
            "--statefun.module.global-config.ride-requests-topic",
            REQUESTS_TOPIC,
            "--statefun.module.global-config.driver-locations-topic",
            LOCATIONS_TOPIC,
            "--statefun.module.global-config.ride-events-topic",
            EVENTS_TOPIC,
            "--statefun.module.global-config.driver-status-topic",
            STATUS_TOPIC,
            "--statefun.message.serializer",
            "protobuf",
            "--pipeline.object-reuse",
            "true",
            "--pipeline.max-parallelism",
            "64"));
  }

  private String stopWithSavepoint(String job) throws Exception {
    String trigger = rest.stopWithSavepoint(job, cluster.savepointDir());
    String[] location = new String[1];
    Await.until(
        "the savepoint of job " + job,
        JOB_TIMEOUT,
        () -> {
          JsonNode status = rest.savepointStatus(job, trigger);
          if (!"COMPLETED".equals(status.path("status").path("id").asText())) {
            return status.toString();
          }
          JsonNode operation = status.path("operation");
          if (operation.has("failure-cause")) {
            throw new AssertionError("stop-with-savepoint failed: " + operation);
          }
          location[0] = operation.path("location").asText();
          return null;
        });
    Await.until("job " + job + " stopped", JOB_TIMEOUT, () -> stateOf(job, "FINISHED"));
    return location[0];
  }

  /** The committed ride events; each record's key must be its ride id. */
  private List<RideEvent> committedEvents() throws InvalidProtocolBufferException {
    List<RideEvent> events = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record :
        broker.readAll(EVENTS_TOPIC, IsolationLevel.READ_COMMITTED)) {
      RideEvent event = RideEvent.parseFrom(record.value());
      assertThat(utf8(record.key())).as("key of %s", event).isEqualTo(event.getRideId());
      events.add(event);
    }
    return events;
  }

  /** The committed driver status records; each record's key must be its driver id. */
  private List<DriverStatus> committedStatus() throws InvalidProtocolBufferException {
    List<DriverStatus> status = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record :
        broker.readAll(STATUS_TOPIC, IsolationLevel.READ_COMMITTED)) {
      DriverStatus driver = DriverStatus.parseFrom(record.value());
      assertThat(utf8(record.key())).as("key of %s", driver).isEqualTo(driver.getDriverId());
      status.add(driver);
    }
    return status;
  }

  /** Every field the functions set for the event's kind; distances in km to two decimals. */
  private static String describe(RideEvent event) {
    StringBuilder text =
        new StringBuilder("ride ")
            .append(event.getRideId())
            .append(' ')
            .append(event.getKind())
            .append(" passenger=")
            .append(event.getPassengerId());
    if (!event.getDriverId().isEmpty()) {
      text.append(" driver=").append(event.getDriverId());
    }
    if (!event.getCell().isEmpty()) {
      text.append(" cell=").append(event.getCell());
    }
    if (event.getKind() == RideEvent.Kind.COMPLETED) {
      text.append(" trip=").append(km(event.getTripKm()));
      text.append(" fare=").append(event.getFareCents());
    }
    if (event.getKind() == RideEvent.Kind.DRIVER_ASSIGNED) {
      text.append(" approach=").append(km(event.getApproachKm()));
    }
    return text.toString();
  }

  private static String describe(DriverStatus status) {
    StringBuilder text =
        new StringBuilder("driver ")
            .append(status.getDriverId())
            .append(' ')
            .append(status.getStatus())
            .append(" cell=")
            .append(status.getCell());
    if (!status.getRideId().isEmpty()) {
      text.append(" ride=").append(status.getRideId());
    }
    return text.toString();
  }

  private static ProducerRecord<byte[], byte[]> location(String driver, double lat, long seconds) {
    DriverLocation location =
        DriverLocation.newBuilder()
            .setDriverId(driver)
            .setLat(lat)
            .setLon(13.405)
            .setSeconds(seconds)
            .build();
    return new ProducerRecord<>(LOCATIONS_TOPIC, utf8(driver), location.toByteArray());
  }

  private static ProducerRecord<byte[], byte[]> request(
      String passenger, double lat, double tripKm) {
    RideRequest request =
        RideRequest.newBuilder()
            .setPassengerId(passenger)
            .setLat(lat)
            .setLon(13.405)
            .setTripKm(tripKm)
            .build();
    return new ProducerRecord<>(REQUESTS_TOPIC, utf8(passenger), request.toByteArray());
  }

  private static String km(double km) {
    return String.format(Locale.ROOT, "%.2f", km);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
