package dev.evbus.pipeline.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evbus.event.Params;
import dev.evbus.event.RawEvent;
import dev.evbus.event.RawJson;
import dev.evbus.event.pipeline.StageSpec;
import dev.evbus.pipeline.Counters;
import dev.evbus.pipeline.LoadedFiles;
import dev.evbus.pipeline.PipelineCompiler;
import dev.evbus.pipeline.PipelineConfigException;
import dev.evbus.pipeline.PipelineRun;
import dev.evbus.pipeline.Problem;
import dev.evbus.pipeline.StageContext;
import dev.evbus.pipeline.jq.JqLimits;
import dev.evbus.pipeline.StageLibrary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs stage entries, written as a key file's JSON, through the real compiler and run with time
 * that only moves when a test says so, a fake API, and warnings and output kept for assertions.
 */
public final class StageHarness {
    public static final ObjectMapper JSON = new ObjectMapper();
    public static final Instant START = Instant.parse("2025-01-02T03:04:05Z");

    public final AtomicLong nanos = new AtomicLong(5_000_000_000L);
    public final FakeApi api = new FakeApi();
    public final LoadedFiles files;
    public final List<String> warnings = new ArrayList<>();
    /** Each report a stage made, as "KIND JSON". */
    public final List<String> reports = new ArrayList<>();
    public final List<JsonNode> output = new ArrayList<>();
    private final SettableClock clock = new SettableClock();
    private final Map<String, String> params = new LinkedHashMap<>();
    private final Path baseDir;
    private PipelineRun run;
    private long seq;

    public StageHarness(Path baseDir) {
        this(baseDir, new LoadedFiles());
    }

    public StageHarness(Path baseDir, LoadedFiles files) {
        this.baseDir = baseDir;
        this.files = files;
    }

    public StageHarness param(String name, String value) {
        params.put(name, value);
        return this;
    }

    /** Compiles {@code stagesJson} (a JSON array of stage entries) or throws with its problems. */
    public StageHarness compile(String stagesJson) throws PipelineConfigException {
        List<Problem> problems = new ArrayList<>();
        List<StageSpec> specs = PipelineCompiler.entries(parse(stagesJson), "/stages", problems);
        if (!problems.isEmpty()) {
            throw new PipelineConfigException(problems);
        }
        run = PipelineRun.start(specs, StageLibrary.standard(), context(), item -> output.add(item.value()));
        return this;
    }

    /** The problems compiling {@code stagesJson} reports; fails the test when it compiles. */
    public List<Problem> problems(String stagesJson) {
        try {
            compile(stagesJson);
        } catch (PipelineConfigException expected) {
            return expected.problems();
        }
        throw new AssertionError("compiled without problems: " + stagesJson);
    }

    public void send(String eventType, String payload) {
        try {
            JsonNode node = parse(payload);
            seq++;
            run.accept(new RawEvent(eventType, "id-" + seq, Long.toString(START.toEpochMilli()), seq, RawJson.of(node)), node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Moves both clocks on. */
    public void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
        clock.now = clock.now.plus(by);
    }

    public void tick() throws IOException {
        run.tick();
    }

    public void finish() throws IOException {
        run.finish();
    }

    public Counters counters() {
        return run.counters();
    }

    public List<String> outputLines() {
        return output.stream().map(JsonNode::toString).toList();
    }

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private StageContext context() {
        ObjectNode paramsJson = JsonNodeFactory.instance.objectNode();
        params.forEach(paramsJson::put);
        return new StageContext("test.key", "test", Params.of(params), paramsJson, baseDir, api, clock, nanos::get,
                duration -> { }, files, letter -> { throw new IOException("no dead letters in these tests"); },
                (type, id, payload) -> { throw new IOException("no bus in these tests"); },
                (item, problem) -> warnings.add(problem), (kind, report) -> reports.add(kind + " " + report), new Counters(), JqLimits.DEFAULTS);
    }

    /** Wall time that moves only with {@link #advance}. */
    private static final class SettableClock extends Clock {
        private Instant now = START;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
