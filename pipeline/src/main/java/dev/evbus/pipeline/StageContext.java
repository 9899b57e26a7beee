package dev.evbus.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.event.APIClient;
import dev.evbus.event.Params;
import dev.evbus.event.TimeSource;
import dev.evbus.pipeline.jq.JqLimits;
import java.nio.file.Path;

/**
 * Everything a stage may use, fixed for one consumer's pipeline.
 *
 * @param key          the key's name (dead letters go under it)
 * @param app          the app id
 * @param params       the consumer's normalized params
 * @param paramsJson   the same as a JSON object for jq's {@code $params}: int params as numbers,
 *                     bool as booleans, multi as arrays, others as strings
 * @param baseDir      where relative file names written in the key resolve (the key file's directory)
 * @param api          the app's API client
 * @param clock        the one clock: its wall reading for timestamps written into events and dead
 *                     letters, its monotonic reading for windows, batches, caches and jq's time budget
 * @param sleeper      waits between retries
 * @param files        the process's loaded tables and databases
 * @param deadLetters  where items go after their last attempt
 * @param republisher  the bus, for the publish effect
 * @param warnings     where per-event problems are reported
 * @param reports      where periodic reports (metrics) go when the key names no sink for them
 * @param counters     the pipeline's counts
 * @param limits       what each jq expression may spend per event (the key's {@code limits})
 */
public record StageContext(String key, String app, Params params, JsonNode paramsJson, Path baseDir,
        APIClient api, TimeSource clock, Sleeper sleeper, LoadedFiles files,
        DeadLetters deadLetters, Republisher republisher, Warnings warnings, Reports reports, Counters counters,
        JqLimits limits) {

    /** A stage dropped an item on purpose. */
    public void filtered() {
        counters.countFiltered();
    }
}
