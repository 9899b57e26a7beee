package dev.evbus.sources.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.config.ConfigException;
import dev.evbus.sources.AcceptedEvents;
import dev.evbus.sources.Source;
import dev.evbus.sources.SourceFactory;
import dev.evbus.sources.stats.AggregationConfig;
import dev.evbus.sources.stats.SlidingAggregations;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The {@code http} kind: reads {@code sources.http} (and its {@code aggregation}) before the bus
 * listens, and builds the HTTP source with the stream statistics it serves. The token variable
 * is looked up in the bus's own environment, where a systemd unit or a shell put it.
 */
public final class HttpSourceFactory implements SourceFactory {
    @Override
    public Plan plan(JsonNode section, String field, Path file) throws ConfigException {
        HttpSourceConfig config = HttpSourceConfig.read(file, section, System::getenv);
        AggregationConfig aggregation;
        try {
            aggregation = config.aggregation() == null ? AggregationConfig.defaults() : AggregationConfig.read(config.aggregation());
        } catch (IllegalArgumentException bad) {
            throw new ConfigException(file + ": " + bad.getMessage());
        }
        // The machine's clock: the statistics are made when the config is read, before the bus lends
        // its clock through the build context (decision 0035 lists what remains).
        SlidingAggregations statistics = new SlidingAggregations(aggregation, Clock.systemUTC());
        return new Plan() {
            @Override
            public Source build(Context context) {
                return new HttpSource(config, context.ingest(), statistics, context.listener(), context.monitoring());
            }

            @Override
            public AcceptedEvents watches() {
                return statistics;
            }
        };
    }
}
