package io.statefun.flink.datastream.walkthrough;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The DataStream section of {@code statefun-docs/deployment.md} shows code that runs: each of its
 * Java blocks must appear, line for line (indentation aside), in {@link GreeterProgram} or {@link
 * GreeterFn}.
 */
class DeploymentDocTest {
  private static final Path DOC = Path.of("..", "statefun-docs", "deployment.md");
  private static final Path SOURCES =
      Path.of("src", "test", "java", "io", "statefun", "flink", "datastream", "walkthrough");

  @Test
  void everyJavaBlockOfTheDataStreamSectionIsPartOfTheTestedProgram() throws IOException {
    List<List<String>> blocks = javaBlocks(section(Files.readAllLines(DOC)));
    List<String> program = new ArrayList<>();
    for (String file : List.of("GreeterProgram.java", "GreeterFn.java")) {
      program.addAll(normalized(Files.readAllLines(SOURCES.resolve(file))));
    }

    assertThat(blocks).as("Java blocks in the DataStream section").hasSizeGreaterThanOrEqualTo(3);
    for (List<String> block : blocks) {
      assertThat(java.util.Collections.indexOfSubList(program, normalized(block)))
          .as("this block of deployment.md is not in the walkthrough program:%n%s", block)
          .isNotNegative();
    }
  }

  private static List<String> section(List<String> lines) {
    int start = lines.indexOf("## Inside a DataStream program");
    assertThat(start).as("the DataStream section's heading").isNotNegative();
    int end = start + 1;
    while (end < lines.size() && !lines.get(end).startsWith("## ")) {
      end++;
    }
    return lines.subList(start, end);
  }

  private static List<List<String>> javaBlocks(List<String> lines) {
    List<List<String>> blocks = new ArrayList<>();
    List<String> current = null;
    for (String line : lines) {
      if (current == null && line.trim().equals("```java")) {
        current = new ArrayList<>();
      } else if (current != null && line.trim().equals("```")) {
        blocks.add(current);
        current = null;
      } else if (current != null) {
        current.add(line);
      }
    }
    return blocks;
  }

  private static List<String> normalized(List<String> lines) {
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      if (!line.isBlank()) {
        out.add(line.trim());
      }
    }
    return out;
  }
}
