package dev.evbus.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.evbus.event.Params;
import dev.evbus.event.RawEvent;
import dev.evbus.event.RawJson;
import dev.evbus.event.TimeSource;
import dev.evbus.event.pipeline.StageSpec;
import dev.evbus.pipeline.jq.JqLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs stage entries, written as a key file's JSON, through the real compiler and the standard
 * library as a consumer would: time moves only when a test says so, the app's API is a
 * {@link FakeApi}, each retry's wait is recorded instead of slept, and warnings, reports, dead
 * letters and output are kept for assertions. Dead letters and republishing can be pointed
 * elsewhere before {@link #compile}.
 */
public final class StageHarness {
    public static final ObjectMapper JSON = new ObjectMapper();
    /** Tests may write JSON with single quotes, which reads better inside Java strings. */
    private static final ObjectMapper LENIENT = JsonMapper.builder().enable(JsonReadFeature.ALLOW_SINGLE_QUOTES).build();
    public static final Instant START = Instant.parse("2025-01-02T03:04:05Z");

    public final List<String> warnings = new ArrayList<>();
    /** Each report a stage made, as "KIND JSON". */
    public final List<String> reports = new ArrayList<>();
    public final List<DeadLetter> deadLetters = new ArrayList<>();
    public final List<Duration> sleeps = new ArrayList<>();
    public final List<JsonNode> output = new ArrayList<>();
    public final AtomicLong nanos = new AtomicLong(5_000_000_000L);
    public final FakeApi api = new FakeApi();
    public final LoadedFiles files;
    private final Path baseDir;
    private final Map<String, String> params = new LinkedHashMap<>();
    private final ObjectNode paramsJson = JSON.createObjectNode();
    private final SettableClock clock = new SettableClock();
    private DeadLetters deadLetterSink = deadLetters::add;
    private Republisher republisher = (type, id, payload) -> {
        throw new IOException("no bus in these tests");
    };
    /** The source time of every event sent: the clock's start, however far it has moved since. */
    private String sourceTime = Long.toString(START.toEpochMilli());
    private long seq;
    private PipelineRun run;

    /** Stages that read no files. */
    public StageHarness() {
        this(null);
    }

    /** Stages whose relative paths (tables, databases, sink directories) resolve against {@code baseDir}. */
    public StageHarness(Path baseDir) {
        this(baseDir, new LoadedFiles());
    }

    /** Shares {@code files} (the consumer's cache of loaded tables and databases) with other runs. */
    public StageHarness(Path baseDir, LoadedFiles files) {
        this.baseDir = baseDir;
        this.files = files;
    }

    /** Declares a param with its value as text (null when unset), which jq sees as a string. */
    public StageHarness param(String name, String value) {
        return param(name, value, value == null ? NullNode.getInstance() : TextNode.valueOf(value));
    }

    /** Declares a param with its value as the consumer normalises it and as jq sees it. */
    public StageHarness param(String name, String text, JsonNode json) {
        params.put(name, text);
        paramsJson.set(name, json);
        return this;
    }

    /** Starts both clocks at {@code start} (the events' source time too); call it before {@link #compile}. */
    public StageHarness startingAt(Instant start) {
        clock.now = start;
        sourceTime = Long.toString(start.toEpochMilli());
        return this;
    }

    /** Where dead letters go instead of {@link #deadLetters}. */
    public StageHarness deadLetters(DeadLetters sink) {
        this.deadLetterSink = sink;
        return this;
    }

    /** Where republished events go; without one, republishing fails as with no bus. */
    public StageHarness republisher(Republisher republisher) {
        this.republisher = republisher;
        return this;
    }

    public StageContext context() {
        return new StageContext("test.key", "test", Params.of(params), paramsJson, baseDir, api, clock,
                sleeps::add, files, deadLetterSink, republisher, (item, problem) -> warnings.add(problem),
                (kind, report) -> reports.add(kind + " " + report), new Counters(), JqLimits.DEFAULTS);
    }

    /** Compiles {@code stagesJson} (a JSON array of stage entries) or throws with its problems. */
    public StageHarness compile(String stagesJson) throws PipelineConfigException {
        List<Problem> problems = new ArrayList<>();
        List<StageSpec> specs = PipelineCompiler.entries(parse(stagesJson), "/stages", problems);
        if (!problems.isEmpty()) {
            throw new PipelineConfigException(problems);
        }
        return compile(specs);
    }

    /** Compiles stages made by a Java plugin's {@code Pipeline.builder()}. */
    public StageHarness compile(List<StageSpec> specs) throws PipelineConfigException {
        run = PipelineRun.start(specs, StageLibrary.standard(), context(), item -> output.add(item.value()));
        return this;
    }

    /** The problems compiling {@code stagesJson} reports; none is an empty list. */
    public List<Problem> problems(String stagesJson) {
        try {
            compile(stagesJson);
            return List.of();
        } catch (PipelineConfigException refused) {
            return refused.problems();
        }
    }

    /** The same problems as "pointer: message" lines. */
    public List<String> problemLines(String stagesJson) {
        return problems(stagesJson).stream().map(Problem::toString).toList();
    }

    /** The entries of {@code stagesJson}, for a key definition; fails the test on any problem. */
    public static List<StageSpec> specs(String stagesJson) {
        List<Problem> problems = new ArrayList<>();
        List<StageSpec> specs = PipelineCompiler.entries(parse(stagesJson), "/stages", problems);
        if (!problems.isEmpty()) {
            throw new AssertionError(problems.toString());
        }
        return specs;
    }

    public StageHarness send(String payloadJson) {
        return send("log.line", payloadJson);
    }

    public StageHarness send(String eventType, String payloadJson) {
        return send(eventType, parse(payloadJson));
    }

    /** Sends {@code payload} itself, so a test can check that no stage changed it. */
    public StageHarness send(String eventType, JsonNode payload) {
        return send(eventType, "id-" + (seq + 1), payload);
    }

    public StageHarness send(String eventType, String eventId, String payloadJson) {
        return send(eventType, eventId, parse(payloadJson));
    }

    private StageHarness send(String eventType, String eventId, JsonNode payload) {
        try {
            seq++;
            run.accept(new RawEvent(eventType, eventId, sourceTime, seq, RawJson.of(payload)), payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Moves both clocks on; the stages see it at the next {@link #tick}. */
    public StageHarness advance(Duration by) {
        nanos.addAndGet(by.toNanos());
        clock.now = clock.now.plus(by);
        return this;
    }

    public StageHarness tick() throws IOException {
        run.tick();
        return this;
    }

    public StageHarness finish() throws IOException {
        run.finish();
        return this;
    }

    public Counters counters() {
        return run.counters();
    }

    /** Every output value as compact JSON, in order. */
    public List<String> lines() {
        return output.stream().map(StageHarness::write).toList();
    }

    public static JsonNode parse(String json) {
        try {
            return LENIENT.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    public static String write(JsonNode value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The stages' clock, moving only with {@link #advance}: its monotonic reading is
     * {@link #nanos}, which a test may also set alone; its wall reading is set by {@link #startingAt}.
     */
    private final class SettableClock implements TimeSource {
        private Instant now = START;

        @Override
        public long nanoTime() {
            return nanos.get();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
