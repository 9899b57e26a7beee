package dev.evbus.consume;

import dev.evbus.event.TimeSource;
import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.event.APIClient;
import dev.evbus.config.Home;
import dev.evbus.event.KeyDefinition;
import dev.evbus.event.Params;
import dev.evbus.event.RawEvent;
import dev.evbus.pipeline.Counters;
import dev.evbus.pipeline.DeadLetters;
import dev.evbus.pipeline.Item;
import dev.evbus.pipeline.KeyBaseDir;
import dev.evbus.pipeline.LoadedFiles;
import dev.evbus.pipeline.ParamsJson;
import dev.evbus.pipeline.PipelineConfigException;
import dev.evbus.pipeline.PipelineRun;
import dev.evbus.pipeline.Sleeper;
import dev.evbus.pipeline.StageContext;
import dev.evbus.pipeline.StageLibrary;
import dev.evbus.pipeline.jq.JqLimits;
import dev.evbus.protocol.JsonText;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * A key's pipeline as one consumer runs it: compiled against this consumer's params before it
 * subscribes (so a bad table fails before any side effect), fed by the shaper, and closed with
 * the consumer. Per-event problems become {@code [event] warning:} lines.
 */
final class KeyPipeline implements AutoCloseable {
    private final PipelineRun run;
    private final LazyRepublisher republisher;

    private KeyPipeline(PipelineRun run, LazyRepublisher republisher) {
        this.run = run;
        this.republisher = republisher;
    }

    static KeyPipeline start(KeyDefinition key, Params params, APIClient api, Home home, String appId,
            LoadedFiles files, DeadLetters deadLetters, PipelineRun.Output output, PrintStream err, TimeSource clock) throws ConsumeFailure {
        LazyRepublisher republisher = new LazyRepublisher(home, appId);
        StageContext context = new StageContext(key.key(), appId, params, ParamsJson.of(key.params(), params),
                KeyBaseDir.of(key), api, clock, Sleeper.REAL, files, deadLetters,
                republisher, (item, problem) -> warn(err, item, problem), (kind, report) -> err.println("[event] " + kind + " " + report), new Counters(),
                JqLimits.of(key.pipeline().orElseThrow()));
        try {
            return new KeyPipeline(PipelineRun.start(key.pipeline().orElseThrow().stages(), StageLibrary.standard(),
                    context, output), republisher);
        } catch (PipelineConfigException bad) {
            List<String> problems = bad.problems().stream().map(p -> field(p.path()) + ": " + p.message()).toList();
            throw ConsumeFailure.badInput("key " + key.key() + " (" + key.origin() + ") cannot run with these params: "
                    + String.join("; ", problems) + " (hint: check the -p values; `evbus keys check FILE` checks a key file)");
        }
    }

    /** {@code /stages/0/geoip/database} as a key file's reader writes it: {@code stages[0].geoip.database}. */
    static String field(String pointer) {
        StringBuilder out = new StringBuilder();
        for (String part : pointer.substring(pointer.startsWith("/") ? 1 : 0).split("/")) {
            String name = part.replace("~1", "/").replace("~0", "~");
            if (name.matches("\\d+")) {
                out.append('[').append(name).append(']');
            } else {
                out.append(out.isEmpty() ? "" : ".").append(name);
            }
        }
        return out.toString();
    }

    void accept(RawEvent envelope, JsonNode payload) throws IOException {
        run.accept(envelope, payload);
    }

    void tick() throws IOException {
        run.tick();
    }

    void finish() throws IOException {
        run.finish();
    }

    Counters counters() {
        return run.counters();
    }

    @Override
    public void close() {
        republisher.close();
    }

    private static void warn(PrintStream err, Item item, String problem) {
        String subject = "";
        if (item != null && item.envelope() != null) {
            RawEvent event = item.envelope();
            subject = event.eventId() != null ? "event " + JsonText.quote(event.eventId()) + ": " : "event seq " + event.seq() + ": ";
        }
        err.println("[event] warning: " + subject + problem.replace('\n', ' '));
    }
}
