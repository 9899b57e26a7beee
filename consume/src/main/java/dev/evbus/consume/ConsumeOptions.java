package dev.evbus.consume;

import dev.evbus.config.Home;
import dev.evbus.pipeline.LoadedFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Everything {@code evbus consume} was asked to do.
 *
 * @param rawOutput  an output document that is a JSON string is written as its text, without quotes
 *                   or escapes, as {@code jq -r} writes it (every other document stays JSON)
 * @param outputDir  relative directory for one file per event, or null for stdout
 * @param maxEvents  stop after this many output events; 0 for no limit
 * @param timeout    stop after this long; null for no limit
 * @param as         {@code user}, {@code bot} or {@code auto}
 * @param busCommand the command that starts this app's bus in the background, worked out only when
 *                   a bus must be started (it reads the JVM's command line and the app's config)
 * @param since      where to start in the bus's log, as the hello says it ({@code all},
 *                   {@code offset:N}, {@code time:MS}), or null for live events only
 * @param until      where the stream ends ({@code --until}), or null to run until stopped otherwise
 * @param durable    the name of the bus-kept cursor to resume from and advance, or null
 * @param batchSize  events per output batch (one JSON array each), or 0
 * @param batchWindow the longest an output batch stays open, or null
 * @param files      tables and databases this process already opened (loading the key files),
 *                   so a pipeline reads each once
 */
public record ConsumeOptions(
        Home home,
        String appId,
        Map<String, String> env,
        String key,
        Map<String, String> params,
        String jq,
        boolean rawOutput,
        boolean quiet,
        Path outputDir,
        long maxEvents,
        Duration timeout,
        String as,
        Supplier<List<String>> busCommand,
        String since,
        UntilBound until,
        String durable,
        int batchSize,
        Duration batchWindow,
        LoadedFiles files) {

    /** Whether output is grouped into JSON arrays. */
    public boolean batching() {
        return batchSize > 0 || batchWindow != null;
    }
}
