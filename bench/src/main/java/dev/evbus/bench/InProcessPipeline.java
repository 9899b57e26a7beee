package dev.evbus.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evbus.event.APIClient;
import dev.evbus.event.ApiException;
import dev.evbus.event.AuthType;
import dev.evbus.event.Params;
import dev.evbus.event.RawEvent;
import dev.evbus.event.TimeSource;
import dev.evbus.pipeline.Counters;
import dev.evbus.pipeline.LoadedFiles;
import dev.evbus.pipeline.PipelineCompiler;
import dev.evbus.pipeline.PipelineConfigException;
import dev.evbus.pipeline.PipelineRun;
import dev.evbus.pipeline.Problem;
import dev.evbus.pipeline.Reports;
import dev.evbus.pipeline.Sleeper;
import dev.evbus.pipeline.StageContext;
import dev.evbus.pipeline.jq.JqLimits;
import dev.evbus.pipeline.StageLibrary;
import java.io.IOException;
import java.nio.file.Path;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A key's stages compiled from their key-file JSON with the standard library and run in this JVM,
 * as a consumer runs them, minus the bus: events go in as parsed payloads, items come out counted
 * (and the last few kept, to check what the pipeline produced).
 */
final class InProcessPipeline {
    static final ObjectMapper JSON = new ObjectMapper();

    private final PipelineRun run;
    private final AtomicLong warnings = new AtomicLong();
    private final List<JsonNode> kept = new ArrayList<>();
    private long keep;
    /** Whether each output is written as JSON bytes, as a consumer prints it. */
    private boolean write;
    private long written;

    private InProcessPipeline(String stagesJson, Path baseDir, Map<String, String> params, ObjectNode paramsJson)
            throws IOException, PipelineConfigException {
        StageLibrary library = StageLibrary.standard();
        List<Problem> problems = new ArrayList<>();
        var specs = PipelineCompiler.entries(JSON.readTree(stagesJson), "/stages", problems);
        for (var spec : specs) {
            if (library.find(spec.kind()).isEmpty()) {
                throw new IllegalStateException("stage kind \"" + spec.kind() + "\" is not in this build's"
                        + " StageLibrary.standard() (it has: " + library.names() + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new PipelineConfigException(problems);
        }
        StageContext context = new StageContext("bench.pipeline", "bench", Params.of(params), paramsJson, baseDir,
                new NoApi(), TimeSource.system(), Sleeper.REAL, new LoadedFiles(),
                letter -> { throw new IOException("the bench keeps no dead letters"); },
                (type, id, payload) -> { throw new IOException("the bench has no bus"); },
                (item, problem) -> warnings.incrementAndGet(), Reports.NONE, new Counters(), JqLimits.DEFAULTS);
        run = PipelineRun.start(specs, library, context, item -> {
            if (write) {
                written += JSON.writeValueAsBytes(item.value()).length + 1;
            }
            if (keep > 0) {
                keep--;
                kept.add(item.value());
            }
        });
    }

    static InProcessPipeline compile(String stagesJson, Path baseDir, Map<String, String> params, ObjectNode paramsJson)
            throws IOException, PipelineConfigException {
        return new InProcessPipeline(stagesJson, baseDir, params, paramsJson);
    }

    /** Keeps the next {@code items} outputs for {@link #kept()}. */
    void keep(long items) {
        kept.clear();
        keep = items;
    }

    /** Writes each output as a JSON line from now on; returns the bytes written so far. */
    long write(boolean on) {
        write = on;
        return written;
    }

    List<JsonNode> kept() {
        return kept;
    }

    void accept(RawEvent envelope, JsonNode payload) throws IOException {
        run.accept(envelope, payload);
    }

    long out() {
        return run.counters().out();
    }

    long warnings() {
        return warnings.get();
    }

    /** The app API no benchmarked stage calls. */
    private static final class NoApi implements APIClient {
        @Override
        public String app() {
            return "bench";
        }

        @Override
        public AuthType identity() {
            return AuthType.BOT;
        }

        @Override
        public JsonNode call(String method, String path, JsonNode body) throws ApiException {
            throw new ApiException("the bench has no app API");
        }
    }
}
