package dev.evbus.pipeline.stage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evbus.event.Params;
import dev.evbus.event.RawEvent;
import dev.evbus.event.pipeline.StageSpec;
import dev.evbus.pipeline.Counters;
import dev.evbus.pipeline.DeadLetter;
import dev.evbus.pipeline.Item;
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
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a JSON stages array through the standard library as a consumer would, with a fixed clock,
 * recorded warnings, sleeps and dead letters, and the output kept as compact JSON lines.
 */
public final class StageHarness {
    public static final ObjectMapper JSON = new ObjectMapper();
    /** Tests may write JSON with single quotes, which reads better inside Java strings. */
    private static final ObjectMapper LENIENT = JsonMapper.builder().enable(JsonReadFeature.ALLOW_SINGLE_QUOTES).build();
    public static final Instant NOW = Instant.parse("2025-01-02T03:04:05Z");

    public final List<String> warnings = new ArrayList<>();
    /** Each report a stage made, as "KIND JSON". */
    public final List<String> reports = new ArrayList<>();
    public final List<DeadLetter> deadLetters = new ArrayList<>();
    public final List<Duration> sleeps = new ArrayList<>();
    public final List<Item> output = new ArrayList<>();
    private final Map<String, String> params = new LinkedHashMap<>();
    private final ObjectNode paramsJson = JSON.createObjectNode();
    private final LoadedFiles files = new LoadedFiles();
    private Path baseDir;
    private long nanos;
    private long seq;
    private PipelineRun run;

    /** Declares a param with its value as the consumer normalises it and as jq sees it. */
    public StageHarness param(String name, String text, JsonNode json) {
        params.put(name, text);
        paramsJson.set(name, json);
        return this;
    }

    public StageHarness baseDir(Path dir) {
        this.baseDir = dir;
        return this;
    }

    public StageContext context() {
        return new StageContext("test.key", "testapp", Params.of(params), paramsJson, baseDir, null,
                Clock.fixed(NOW, ZoneOffset.UTC), () -> nanos, sleeps::add, files, deadLetters::add, null,
                (item, problem) -> warnings.add(problem), (kind, report) -> reports.add(kind + " " + report), new Counters(), JqLimits.DEFAULTS);
    }

    /** Compiles {@code stagesJson} (a JSON array of stage entries) or throws with its problems. */
    public StageHarness compile(String stagesJson) throws PipelineConfigException {
        List<Problem> problems = new ArrayList<>();
        List<StageSpec> specs = PipelineCompiler.entries(parse(stagesJson), "/stages", problems);
        if (!problems.isEmpty()) {
            throw new PipelineConfigException(problems);
        }
        run = PipelineRun.start(specs, StageLibrary.standard(), context(), output::add);
        return this;
    }

    /** Compiles stages made by a Java plugin's {@code Pipeline.builder()}. */
    public StageHarness compile(List<StageSpec> specs) throws PipelineConfigException {
        run = PipelineRun.start(specs, StageLibrary.standard(), context(), output::add);
        return this;
    }

    /** The problems compiling {@code stagesJson} reports, as "pointer: message" strings; none is an empty list. */
    public List<String> problems(String stagesJson) {
        try {
            compile(stagesJson);
            return List.of();
        } catch (PipelineConfigException refused) {
            return refused.problems().stream().map(Problem::toString).toList();
        }
    }

    public StageHarness send(String payloadJson) {
        return send("log.line", payloadJson);
    }

    public StageHarness send(String eventType, String payloadJson) {
        return send(eventType, parse(payloadJson));
    }

    /** Sends {@code payload} itself, so a test can check that no stage changed it. */
    public StageHarness send(String eventType, JsonNode payload) {
        try {
            seq++;
            run.accept(new RawEvent(eventType, "id-" + seq, "1700000000000", seq, null), payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public StageHarness advance(Duration by) throws IOException {
        nanos += by.toNanos();
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
        return output.stream().map(item -> write(item.value())).toList();
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
}
