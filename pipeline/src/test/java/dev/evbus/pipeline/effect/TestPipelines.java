package dev.evbus.pipeline.effect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.evbus.config.ApiClients;
import dev.evbus.event.AuthType;
import dev.evbus.config.Home;
import dev.evbus.event.Params;
import dev.evbus.event.RawEvent;
import dev.evbus.event.RawJson;
import dev.evbus.event.pipeline.StageSpec;
import dev.evbus.pipeline.Counters;
import dev.evbus.pipeline.DeadLetters;
import dev.evbus.pipeline.LoadedFiles;
import dev.evbus.pipeline.PipelineCompiler;
import dev.evbus.pipeline.PipelineConfigException;
import dev.evbus.pipeline.PipelineRun;
import dev.evbus.pipeline.Problem;
import dev.evbus.pipeline.Reports;
import dev.evbus.pipeline.Republisher;
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
import java.util.List;
import java.util.Map;

/**
 * Key stages, written as a key file's JSON, run through the real compiler and library with a
 * fixed clock, no real waits between retries (each wait is recorded), and everything they
 * produce kept for assertions.
 */
public final class TestPipelines {
    public static final ObjectMapper JSON = new ObjectMapper();
    public static final Instant NOW = Instant.parse("2025-01-02T03:04:05.678Z");
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    public final List<JsonNode> output = new ArrayList<>();
    public final List<String> warnings = new ArrayList<>();
    public final List<Duration> sleeps = new ArrayList<>();
    private final Path baseDir;
    private final DeadLetters deadLetters;
    private final Republisher republisher;
    private PipelineRun run;

    public TestPipelines(Path baseDir, DeadLetters deadLetters, Republisher republisher) {
        this.baseDir = baseDir;
        this.deadLetters = deadLetters;
        this.republisher = republisher;
    }

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public TestPipelines compile(String stagesJson) throws PipelineConfigException {
        run = PipelineRun.start(specs(stagesJson), StageLibrary.standard(), context(), item -> output.add(item.value()));
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

    public void send(String eventType, String eventId, String payload) throws IOException {
        JsonNode node = parse(payload);
        run.accept(new RawEvent(eventType, eventId, "1735787045678", 7, RawJson.of(node)), node);
    }

    public Counters counters() {
        return run.counters();
    }

    public static List<StageSpec> specs(String stagesJson) {
        List<Problem> problems = new ArrayList<>();
        List<StageSpec> specs = PipelineCompiler.entries(parse(stagesJson), "/stages", problems);
        if (!problems.isEmpty()) {
            throw new AssertionError(problems.toString());
        }
        return specs;
    }

    private StageContext context() {
        return new StageContext("test.key", "test", Params.of(Map.of()), JsonNodeFactory.instance.objectNode(), baseDir,
                ApiClients.forApp(new Home(baseDir), "test", AuthType.USER, Map.of()),
                CLOCK, () -> 0L, sleeps::add, new LoadedFiles(), deadLetters, republisher,
                (item, problem) -> warnings.add(problem), Reports.NONE, new Counters(), JqLimits.DEFAULTS);
    }
}
