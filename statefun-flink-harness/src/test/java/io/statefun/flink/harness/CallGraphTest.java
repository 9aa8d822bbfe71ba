package io.statefun.flink.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CallGraphTest {
  private final CallGraph graph =
      new CallGraph(
          List.of(
              new CallGraph.Edge("a/formatter", "egress a/out", 3),
              new CallGraph.Edge("a/greeter", "a/formatter", 3),
              new CallGraph.Edge("a/greeter", "a/greeter", 1),
              new CallGraph.Edge("ingress a/names", "a/greeter", 3)));

  @Test
  void edgesRunFromIngressesToEgresses() {
    assertThat(graph.edges())
        .extracting(e -> e.from() + ">" + e.to())
        .containsExactly(
            "ingress a/names>a/greeter",
            "a/greeter>a/formatter",
            "a/greeter>a/greeter",
            "a/formatter>egress a/out");
    assertThat(graph.messages("a/greeter", "a/greeter")).isEqualTo(1);
    assertThat(graph.messages("a/formatter", "a/greeter")).isZero();
  }

  @Test
  void rendersAMarkdownTable() {
    assertThat(graph.table())
        .isEqualTo(
            """
            | from | to | messages |
            |---|---|---:|
            | ingress a/names | a/greeter | 3 |
            | a/greeter | a/formatter | 3 |
            | a/greeter | a/greeter | 1 |
            | a/formatter | egress a/out | 3 |
            """);
  }

  @Test
  void rendersAMermaidFlowchartWithOneNodePerSenderOrTarget() {
    assertThat(graph.mermaid())
        .isEqualTo(
            """
            flowchart LR
              n0["ingress a/names"]
              n1["a/greeter"]
              n2["a/formatter"]
              n3["egress a/out"]
              n0 -->|3| n1
              n1 -->|3| n2
              n1 -->|1| n1
              n2 -->|3| n3
            """);
  }
}
