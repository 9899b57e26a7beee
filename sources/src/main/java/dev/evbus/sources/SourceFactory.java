package dev.evbus.sources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.config.AppPaths;
import dev.evbus.config.ConfigException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Builds the source of one kind from its section of the app's config, in two steps: {@link #plan}
 * reads and checks the section before the bus listens (a bad option refuses the start, nothing
 * opened), and {@link Plan#build} makes the source once the bus can take its events.
 */
@FunctionalInterface
public interface SourceFactory {

    /**
     * Reads one kind's section. {@code field} is its place in the file ({@code sources.http}): a
     * problem is a {@link ConfigException} whose message is {@code <file>: <field>.<option>: <what is wrong>}.
     */
    Plan plan(JsonNode section, String field, Path file) throws ConfigException;

    /** A checked section, ready to become a source. */
    interface Plan {
        /** The source, not started yet. */
        Source build(Context context);

        /** What this source sees of every event the bus accepts (its statistics), or {@link AcceptedEvents#NONE}. */
        default AcceptedEvents watches() {
            return AcceptedEvents.NONE;
        }
    }

    /**
     * What a source is built with.
     *
     * @param name     its name in {@code status} and {@code source_status} (the kind, in this version)
     * @param paths    the app's directory, for state a source keeps across restarts (a file position)
     * @param env      the bus's environment, where {@code token_env} names are looked up
     * @param ingest   the bus's publish path
     * @param listener where state changes go (a log line and a {@code source_status} frame each)
     * @param warnings the bus log's warnings, for faults that are not state changes
     * @param clock    the time a source stamps and measures with
     * @param monitoring the bus's readiness and metrics, for a source that serves {@code /health} and {@code /metrics}
     */
    record Context(String name, AppPaths paths, Map<String, String> env, Ingest ingest, SourceListener listener,
                   Consumer<String> warnings, Clock clock, Monitoring monitoring) {
        /** Without monitoring: always ready, no metrics. */
        public Context(String name, AppPaths paths, Map<String, String> env, Ingest ingest, SourceListener listener,
                       Consumer<String> warnings, Clock clock) {
            this(name, paths, env, ingest, listener, warnings, clock, Monitoring.NONE);
        }
    }
}
