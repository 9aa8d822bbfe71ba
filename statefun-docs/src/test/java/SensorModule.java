import io.statefun.flink.io.SinkEgressSpec;
import io.statefun.flink.io.SourceIngressSpec;
import io.statefun.sdk.Context;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.StatefulFunction;
import io.statefun.sdk.annotations.Persisted;
import io.statefun.sdk.io.EgressIdentifier;
import io.statefun.sdk.io.IngressIdentifier;
import io.statefun.sdk.spi.StatefulFunctionModule;
import io.statefun.sdk.state.PersistedValue;
import java.io.Serializable;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.functions.sink.PrintSink;

/** Any Flink source as an ingress and any Flink sink as an egress (see io.md). */
public final class SensorModule implements StatefulFunctionModule, Serializable {
  private static final long serialVersionUID = 1L;

  // #region records
  public record Reading(String sensor, double celsius) {}

  public static final IngressIdentifier<Reading> READINGS =
      new IngressIdentifier<>(Reading.class, "plant", "readings");
  public static final EgressIdentifier<String> ALERTS =
      new EgressIdentifier<>("plant", "alerts", String.class);

  // #endregion records

  // #region function
  /** One instance per sensor: alerts when a reading beats the sensor's record high. */
  public static final class SensorFn implements StatefulFunction {
    public static final FunctionType TYPE = new FunctionType("plant", "sensor");

    @Persisted
    private final PersistedValue<Double> highest = PersistedValue.of("highest", Double.class);

    @Override
    public void invoke(Context context, Object input) {
      Reading reading = (Reading) input;
      Double before = highest.get();
      if (before == null || reading.celsius() > before) {
        highest.set(reading.celsius());
        if (before != null) {
          context.send(ALERTS, reading.sensor() + " reached " + reading.celsius() + " °C");
        }
      }
    }
  }

  // #endregion function

  // #region configure
  @Override
  public void configure(Map<String, String> globalConfig, Binder binder) {
    // Flink's data generator: unbounded, rate-limited, and replayed from checkpoints.
    DataGeneratorSource<Reading> readings =
        new DataGeneratorSource<>(
            SensorModule::readingAt,
            Long.MAX_VALUE,
            RateLimiterStrategy.perSecond(100),
            TypeInformation.of(Reading.class));
    binder.bindIngress(
        new SourceIngressSpec<>(READINGS, readings, WatermarkStrategy.noWatermarks()));
    binder.bindIngressRouter(
        READINGS,
        (reading, downstream) -> downstream.forward(SensorFn.TYPE, reading.sensor(), reading));
    binder.bindFunctionProvider(SensorFn.TYPE, type -> new SensorFn());
    // Flink's PrintSink (a Sink V2 sink) writes each alert to the task manager's standard out.
    binder.bindEgress(new SinkEgressSpec<>(ALERTS, new PrintSink<>("alert")));
  }

  // #endregion configure

  /** Ten sensors whose temperature rises and falls, with some noise. */
  static Reading readingAt(long index) {
    double noise = Math.floorMod(index * 7919, 13) / 10.0;
    double celsius = 20 + Math.floorMod(index, 1000) / 100.0 + noise;
    return new Reading("sensor-" + Math.floorMod(index, 10), Math.round(celsius * 10) / 10.0);
  }
}
