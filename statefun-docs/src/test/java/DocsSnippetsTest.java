import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The code the pages show compiles. Code imported with {@code <<< path#region} must come from a
 * source folder that the build compiles, and the region must exist (VitePress would otherwise show
 * the whole file without a word). A fenced {@code java} block that presents itself as a whole file
 * (it has imports) is compiled here, together with the other such blocks of all pages, against the
 * snippet sources and the test class path.
 */
class DocsSnippetsTest {
  /** Surefire runs in the module's folder, where the pages are. */
  private static final Path DOCS = Path.of("").toAbsolutePath();

  private static final Pattern IMPORT =
      Pattern.compile(
          "^<<<\\s*([^#{\\s\\[]+)(?:#([\\w-]+))?(?:\\{[^}]*\\})?(?:\\s*\\[.*\\])?(?:\\s.*)?$");
  private static final Pattern COMPILED_SOURCE =
      Pattern.compile(".*/src/(main|test)/java/.*\\.java");
  private static final Pattern JAVA_FENCE = Pattern.compile("^```java(?:[\\s{\\[].*)?$");
  private static final Pattern TOP_LEVEL_TYPE =
      Pattern.compile(
          "(?m)^(?:public\\s+)?(?:final\\s+|abstract\\s+|sealed\\s+)*(?:class|record|interface|enum)\\s+(\\w+)");

  @Test
  void everyImportedSnippetComesFromACompiledSourceAndItsRegionExists() throws IOException {
    List<String> problems = new ArrayList<>();
    int imports = 0;
    for (Path page : pages()) {
      List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        Matcher m = IMPORT.matcher(lines.get(i).trim());
        if (!m.matches()) {
          continue;
        }
        imports++;
        String where = page.getFileName() + ":" + (i + 1);
        String target = m.group(1);
        Path file =
            (target.startsWith("@/")
                    ? DOCS.resolve(target.substring(2))
                    : page.resolveSibling(target))
                .normalize();
        if (!Files.isRegularFile(file)) {
          problems.add(where + ": " + target + " is not a file");
          continue;
        }
        if (!COMPILED_SOURCE.matcher(file.toString().replace('\\', '/')).matches()) {
          problems.add(where + ": " + target + " is not in a compiled source folder (src/*/java)");
        }
        if (!Files.isRegularFile(moduleOf(file).resolve("pom.xml"))) {
          problems.add(where + ": " + target + " is not in a Maven module");
        }
        String region = m.group(2);
        if (region != null) {
          List<String> source = Files.readAllLines(file, StandardCharsets.UTF_8);
          long begins =
              source.stream().filter(l -> l.trim().equals("// #region " + region)).count();
          long ends =
              source.stream().filter(l -> l.trim().equals("// #endregion " + region)).count();
          if (begins != 1 || ends != 1) {
            problems.add(
                where + ": region " + region + " of " + target + " is not marked exactly once");
          }
        }
      }
    }
    assertThat(problems).as("snippet imports").isEmpty();
    assertThat(imports).as("the pages import their code").isGreaterThan(10);
  }

  @Test
  void everyPastedWholeFileCompiles(@org.junit.jupiter.api.io.TempDir Path work)
      throws IOException {
    List<Path> sources = new ArrayList<>();
    List<String> origins = new ArrayList<>();
    for (Path page : pages()) {
      List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        if (!JAVA_FENCE.matcher(lines.get(i).trim()).matches()) {
          continue;
        }
        int start = i + 1;
        int end = start;
        while (end < lines.size() && !lines.get(end).trim().startsWith("```")) {
          end++;
        }
        String block = String.join("\n", lines.subList(start, end)) + "\n";
        i = end;
        boolean wholeFile = block.lines().anyMatch(l -> l.startsWith("import "));
        Matcher type = TOP_LEVEL_TYPE.matcher(block);
        if (!wholeFile || !type.find()) {
          continue; // a fragment: it shows a few calls, not a file
        }
        Path dir = Files.createDirectories(work.resolve("block" + sources.size()));
        Path source = dir.resolve(type.group(1) + ".java");
        Files.writeString(source, block, StandardCharsets.UTF_8);
        sources.add(source);
        origins.add(page.getFileName() + ":" + (start + 1) + " (" + type.group(1) + ")");
      }
    }
    if (sources.isEmpty()) {
      return;
    }
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, null)) {
      Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromPaths(sources);
      List<String> options =
          List.of(
              "-classpath",
              System.getProperty("java.class.path"),
              "-d",
              Files.createDirectories(work.resolve("classes")).toString(),
              "-proc:none",
              "--release",
              "17");
      boolean ok = compiler.getTask(diagnostics, files, null, options, null, units).call();
      assertThat(ok).as("pasted files %s compile; javac said:%n%s", origins, diagnostics).isTrue();
    }
  }

  private static List<Path> pages() throws IOException {
    try (Stream<Path> files = Files.list(DOCS)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".md"))
          .filter(p -> !p.getFileName().toString().equals("README.md"))
          .sorted()
          .toList();
    }
  }

  /** The module folder of a source file: the folder that holds its {@code src}. */
  private static Path moduleOf(Path source) {
    Path dir = source.getParent();
    while (dir != null && !dir.getFileName().toString().equals("src")) {
      dir = dir.getParent();
    }
    return dir == null ? source.getParent() : dir.getParent();
  }
}
