package io.statefun.e2e.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The parts of Flink's REST API the end-to-end tests use, over plain HTTP with JSON. */
public final class FlinkRestClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);

  private final String base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  FlinkRestClient(String base) {
    this.base = base;
  }

  /** An answer other than 2xx: the status and Flink's {@code errors}, joined. */
  public static final class RestException extends IOException {
    private final int status;

    RestException(String request, int status, String body) {
      super(request + " answered " + status + ": " + body);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  public JsonNode overview() throws IOException, InterruptedException {
    return get("/overview");
  }

  /** The resource ids of the registered TaskManagers. */
  public List<String> taskManagerIds() throws IOException, InterruptedException {
    List<String> ids = new ArrayList<>();
    for (JsonNode tm : get("/taskmanagers").path("taskmanagers")) {
      ids.add(tm.path("id").asText());
    }
    return ids;
  }

  /** Uploads an application jar; returns the id to run it by. */
  public String uploadJar(Path jar) throws IOException, InterruptedException {
    String boundary = "----statefun-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                + jar.getFileName()
                + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.write(Files.readAllBytes(jar));
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    JsonNode answer =
        send(
            "POST /jars/upload",
            HttpRequest.newBuilder(URI.create(base + "/jars/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    String filename = answer.path("filename").asText();
    return Path.of(filename).getFileName().toString();
  }

  /**
   * Runs an uploaded jar: Flink calls its main class in the JobManager, which builds and submits
   * the job. Returns the job id.
   *
   * @param savepointPath the savepoint to restore, or null
   */
  public String runJar(
      String jarId, String entryClass, int parallelism, List<String> args, String savepointPath)
      throws IOException, InterruptedException {
    ObjectNode request = JSON.createObjectNode();
    request.put("entryClass", entryClass);
    request.put("parallelism", parallelism);
    ArrayNode argList = request.putArray("programArgsList");
    args.forEach(argList::add);
    if (savepointPath != null) {
      request.put("savepointPath", savepointPath);
      request.put("allowNonRestoredState", false);
    }
    return post("/jars/" + jarId + "/run", request).path("jobid").asText();
  }

  /** The job's state: RUNNING, CANCELED, FAILED, FINISHED, … */
  public String jobState(String jobId) throws IOException, InterruptedException {
    return get("/jobs/" + jobId).path("state").asText();
  }

  public JsonNode job(String jobId) throws IOException, InterruptedException {
    return get("/jobs/" + jobId);
  }

  /** The ids of jobs not yet in a terminal state. */
  public List<String> activeJobIds() throws IOException, InterruptedException {
    List<String> active = new ArrayList<>();
    for (JsonNode job : get("/jobs/overview").path("jobs")) {
      String state = job.path("state").asText();
      if (!List.of("CANCELED", "FAILED", "FINISHED").contains(state)) {
        active.add(job.path("jid").asText());
      }
    }
    return active;
  }

  /** Whether every task of every vertex of the job is running. */
  public boolean allTasksRunning(String jobId) throws IOException, InterruptedException {
    JsonNode job = job(jobId);
    if (!"RUNNING".equals(job.path("state").asText())) {
      return false;
    }
    for (JsonNode vertex : job.path("vertices")) {
      int parallelism = vertex.path("parallelism").asInt();
      if (vertex.path("tasks").path("RUNNING").asInt() != parallelism) {
        return false;
      }
    }
    return true;
  }

  /** For each vertex name, the TaskManager ids its subtasks run on. */
  public Map<String, List<String>> taskManagersByVertex(String jobId)
      throws IOException, InterruptedException {
    Map<String, List<String>> placement = new HashMap<>();
    for (JsonNode vertex : job(jobId).path("vertices")) {
      List<String> tms = new ArrayList<>();
      JsonNode answer =
          get("/jobs/" + jobId + "/vertices/" + vertex.path("id").asText() + "/taskmanagers");
      for (JsonNode tm : answer.path("taskmanagers")) {
        tms.add(tm.path("taskmanager-id").asText());
      }
      placement.put(vertex.path("name").asText(), tms);
    }
    return placement;
  }

  /** Counts of completed checkpoints and restores. */
  public JsonNode checkpoints(String jobId) throws IOException, InterruptedException {
    return get("/jobs/" + jobId + "/checkpoints");
  }

  /** A job metric's value, or null if the job does not report it (yet). */
  public String jobMetric(String jobId, String metric) throws IOException, InterruptedException {
    for (JsonNode value : get("/jobs/" + jobId + "/metrics?get=" + metric)) {
      if (metric.equals(value.path("id").asText())) {
        return value.path("value").asText();
      }
    }
    return null;
  }

  public void cancel(String jobId) throws IOException, InterruptedException {
    send(
        "PATCH /jobs/" + jobId,
        HttpRequest.newBuilder(URI.create(base + "/jobs/" + jobId + "?mode=cancel"))
            .method("PATCH", HttpRequest.BodyPublishers.noBody()));
  }

  /** Triggers stop-with-savepoint; returns the trigger id to poll with {@link #savepointStatus}. */
  public String stopWithSavepoint(String jobId, Path targetDirectory)
      throws IOException, InterruptedException {
    ObjectNode request = JSON.createObjectNode();
    request.put("targetDirectory", targetDirectory.toUri().toString());
    request.put("drain", false);
    return post("/jobs/" + jobId + "/stop", request).path("request-id").asText();
  }

  /** The savepoint operation's answer: {@code status.id} and, once done, {@code operation}. */
  public JsonNode savepointStatus(String jobId, String triggerId)
      throws IOException, InterruptedException {
    return get("/jobs/" + jobId + "/savepoints/" + triggerId);
  }

  public JsonNode get(String path) throws IOException, InterruptedException {
    return send("GET " + path, HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  private JsonNode post(String path, JsonNode body) throws IOException, InterruptedException {
    return send(
        "POST " + path,
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
  }

  private JsonNode send(String description, HttpRequest.Builder request)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(request.timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new RestException(description, response.statusCode(), response.body());
    }
    String body = response.body();
    return body.isEmpty() ? JSON.createObjectNode() : JSON.readTree(body);
  }
}
