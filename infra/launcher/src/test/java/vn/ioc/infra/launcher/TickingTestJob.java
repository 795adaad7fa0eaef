package vn.ioc.infra.launcher;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * A small endless job with keyed state, submitted to the Flink cluster in tests: slow enough to leave
 * the CPU alone, stateful so that a savepoint has something to carry.
 */
public final class TickingTestJob {

    private TickingTestJob() {
    }

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(500);
        DataGeneratorSource<Long> ticks = new DataGeneratorSource<>(index -> index, Long.MAX_VALUE,
                RateLimiterStrategy.perSecond(20), Types.LONG);
        env.fromSource(ticks, WatermarkStrategy.noWatermarks(), "ticks")
                .keyBy(tick -> tick % 4)
                .reduce(Long::sum)
                .sinkTo(new DiscardingSink<>());
        env.execute(args.length > 0 ? args[0] : "ticking-test-job");
    }
}
