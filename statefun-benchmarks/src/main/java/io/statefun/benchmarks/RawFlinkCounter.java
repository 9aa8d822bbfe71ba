package io.statefun.benchmarks;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/** W1 written directly against Flink: the floor for per-event cost on the same Flink. */
final class RawFlinkCounter extends KeyedProcessFunction<String, Long, Long> {
  private static final long serialVersionUID = 1L;
  private transient ValueState<Long> count;

  @Override
  public void open(OpenContext openContext) {
    count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
  }

  @Override
  public void processElement(Long event, Context context, Collector<Long> out) throws Exception {
    Long current = count.value();
    long next = current == null ? 1 : current + 1;
    count.update(next);
    out.collect(next);
  }
}
