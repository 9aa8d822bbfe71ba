package io.statefun.flink.state.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.sdk.Address;
import io.statefun.sdk.FunctionType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.state.ttl.TtlValue;
import org.junit.jupiter.api.Test;

class StateInspectorArgumentsTest {

  @Test
  void parsesEveryOption() {
    StateInspector.Arguments args =
        StateInspector.Arguments.parse(
            new String[] {
              "file:/sp",
              "--backend",
              "rocksdb",
              "--address",
              "ns/fn/id/with/slashes",
              "--config",
              "statefun.message.serializer=protobuf"
            });
    assertThat(args.savepoint).isEqualTo("file:/sp");
    assertThat(args.backend).isEqualTo("rocksdb");
    assertThat(args.address)
        .isEqualTo(new Address(new FunctionType("ns", "fn"), "id/with/slashes"));
    assertThat(args.config.toMap())
        .containsEntry("statefun.message.serializer", "protobuf")
        .containsEntry("jobmanager.bind-host", "127.0.0.1");
  }

  @Test
  void rejectsBadArgumentsNamingThem() {
    assertThatThrownBy(() -> StateInspector.Arguments.parse(new String[] {}))
        .hasMessage("no savepoint path given");
    assertThatThrownBy(() -> StateInspector.Arguments.parse(new String[] {"a", "b"}))
        .hasMessage("more than one savepoint path: b");
    assertThatThrownBy(() -> StateInspector.Arguments.parse(new String[] {"a", "--backend", "x"}))
        .hasMessage("state backend must be 'hashmap' or 'rocksdb', but was 'x'");
    assertThatThrownBy(() -> StateInspector.Arguments.parse(new String[] {"a", "--address", "ns/"}))
        .hasMessage("--address takes <namespace>/<name>/<id>, but got 'ns/'");
    assertThatThrownBy(() -> StateInspector.Arguments.parse(new String[] {"a", "--config", "k"}))
        .hasMessage("--config takes key=value, but got 'k'");
    assertThatThrownBy(() -> StateInspector.Arguments.parse(new String[] {"a", "--verbose"}))
        .hasMessage("unknown option --verbose");
    assertThatThrownBy(() -> StateInspector.Arguments.parse(new String[] {"a", "--address"}))
        .hasMessage("--address needs a value");
  }

  @Test
  void rendersExpiringValuesWithTheirTimestampInsideTablesAndBuffers() {
    Map<String, Object> table = new LinkedHashMap<>();
    table.put("a", new TtlValue<>(1, 0L));
    table.put("b", 2);
    assertThat(StateInspector.render(table))
        .isEqualTo("{a=1 (ttl from 1970-01-01T00:00:00Z), b=2}");
    assertThat(StateInspector.render(List.of("x", new TtlValue<>("y", 1000L))))
        .isEqualTo("[x, y (ttl from 1970-01-01T00:00:01Z)]");
  }
}
