package io.statefun.flink.harness;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.annotation.PublicEvolving;

/**
 * Who messaged whom in a harness run, and how often: one edge per (sender, target) pair that
 * carried at least one message, with senders and targets named {@code ingress <namespace/name>},
 * {@code <namespace/name>} (a function type) or {@code egress <namespace/name>}. Counts are summed
 * over every subtask and every attempt of the job (a restarted job's replayed messages count
 * again). Messages sent with a delay are counted when sent. Immutable.
 */
@PublicEvolving
public final class CallGraph {
  /** A sender, a target and how many messages went from one to the other. */
  public record Edge(String from, String to, long messages) {}

  /** How a sender that is an ingress is named: this prefix, then {@code namespace/name}. */
  public static final String INGRESS = "ingress ";

  /** How a target that is an egress is named: this prefix, then {@code namespace/name}. */
  public static final String EGRESS = "egress ";

  private final List<Edge> edges;

  public CallGraph(List<Edge> edges) {
    List<Edge> sorted = new ArrayList<>(edges);
    sorted.sort(
        Comparator.comparing((Edge e) -> !e.from.startsWith(INGRESS))
            .thenComparing(e -> e.to.startsWith(EGRESS))
            .thenComparing(Edge::from)
            .thenComparing(Edge::to));
    this.edges = List.copyOf(sorted);
  }

  /** The edges: from ingresses first, to egresses last, else by sender, then target. */
  public List<Edge> edges() {
    return edges;
  }

  /** The messages sent from {@code from} to {@code to}; 0 if none were. */
  public long messages(String from, String to) {
    return edge(from, to).map(Edge::messages).orElse(0L);
  }

  private Optional<Edge> edge(String from, String to) {
    return edges.stream().filter(e -> e.from.equals(from) && e.to.equals(to)).findFirst();
  }

  /** The graph as a Markdown table: from, to, messages. */
  public String table() {
    StringBuilder out = new StringBuilder("| from | to | messages |\n|---|---|---:|\n");
    for (Edge edge : edges) {
      out.append("| ")
          .append(edge.from)
          .append(" | ")
          .append(edge.to)
          .append(" | ")
          .append(edge.messages)
          .append(" |\n");
    }
    return out.toString();
  }

  /** The graph as a Mermaid flowchart, left to right, each edge labelled with its messages. */
  public String mermaid() {
    Map<String, String> ids = new LinkedHashMap<>();
    for (Edge edge : edges) {
      ids.putIfAbsent(edge.from, "n" + ids.size());
      ids.putIfAbsent(edge.to, "n" + ids.size());
    }
    StringBuilder out = new StringBuilder("flowchart LR\n");
    for (Map.Entry<String, String> node : ids.entrySet()) {
      out.append("  ")
          .append(node.getValue())
          .append("[\"")
          .append(node.getKey().replace("\"", "#quot;"))
          .append("\"]\n");
    }
    for (Edge edge : edges) {
      out.append("  ")
          .append(ids.get(edge.from))
          .append(" -->|")
          .append(edge.messages)
          .append("| ")
          .append(ids.get(edge.to))
          .append('\n');
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return table();
  }
}
