package dev.evbus.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.config.ApiClients;
import dev.evbus.event.EventTypePattern;
import dev.evbus.event.KeyDefinition;
import dev.evbus.event.Params;
import dev.evbus.event.RawEvent;
import dev.evbus.event.RawJson;
import dev.evbus.event.TimeSource;
import dev.evbus.pipeline.Counters;
import dev.evbus.pipeline.DeadLetter;
import dev.evbus.pipeline.Item;
import dev.evbus.pipeline.KeyBaseDir;
import dev.evbus.pipeline.LoadedFiles;
import dev.evbus.pipeline.OnError;
import dev.evbus.pipeline.ParamsJson;
import dev.evbus.pipeline.PipelineConfigException;
import dev.evbus.pipeline.PipelineRun;
import dev.evbus.pipeline.Sleeper;
import dev.evbus.pipeline.StageContext;
import dev.evbus.pipeline.StageLibrary;
import dev.evbus.pipeline.effect.EffectsStage;
import dev.evbus.pipeline.jq.JqJson;
import dev.evbus.pipeline.jq.JqLimits;
import dev.evbus.protocol.JsonText;
import dev.evbus.protocol.Message;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A key's pipeline run on sample events with no bus, for {@code evbus keys test}: the stages as a
 * consumer compiles them, but every effect stubbed. Output lines are collected as a consume would
 * print them; each decision (filtered, failed, dead-lettered, an effect it would have made) is one
 * line on {@code err}. Dead letters stay in memory, a {@code publish} sink reaches no bus, a
 * {@code dir} sink writes nothing, an {@code http} sink and the {@code api} stage call nobody.
 */
final class KeyRehearsal {
    private static final JqJson JSON = new JqJson();

    private final KeyDefinition key;
    private final Params params;
    private final PipelineRun run;
    private final PrintStream err;
    private final TimeSource clock;
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private long skipped;

    private KeyRehearsal(KeyDefinition key, Params params, LoadedFiles files, TimeSource clock, Consumer<String> out, PrintStream err) throws PipelineConfigException {
        this.key = key;
        this.params = params;
        this.err = err;
        this.clock = clock;
        StageLibrary library = StageLibrary.standard().with("effects", new StageLibrary.Entry(
                EffectsStage.rehearsing((item, action) -> err.println("effect: " + subject(item) + action + ": " + text(item.value()))),
                OnError.SKIP));
        StageContext context = new StageContext(key.key(), "test", params, ParamsJson.of(key.params(), params),
                KeyBaseDir.of(key), ApiClients.none("test", "keys test calls no API"), clock, Sleeper.REAL, files,
                letter -> {
                    deadLetters.add(letter);
                    err.println("dead-letter: " + subject(letter.item()) + letter.stagePath() + ": " + letter.reason().replace('\n', ' '));
                },
                (eventType, eventId, payload) -> err.println("effect: would publish " + eventType
                        + (eventId == null ? "" : " id " + JsonText.quote(eventId)) + ": " + text(payload)),
                (item, problem) -> err.println("failed: " + subject(item) + problem.replace('\n', ' ')),
                (kind, report) -> err.println("report: " + kind + " " + report), new Counters(), JqLimits.of(key.pipeline().orElseThrow()));
        this.run = PipelineRun.start(key.pipeline().orElseThrow().stages(), library, context,
                item -> out.accept(new String(JSON.write(item.value()), StandardCharsets.UTF_8)));
    }

    /**
     * Compiles {@code key}'s pipeline for {@code params} (refused as a consume would refuse it);
     * each output line goes to {@code out} as it is made. {@code clock} is the stages' wall time
     * ({@code $now}, a dead letter's time), fixed by {@code --now} for output a file can expect.
     */
    static KeyRehearsal of(KeyDefinition key, Params params, LoadedFiles files, TimeSource clock, Consumer<String> out,
            PrintStream err) throws PipelineConfigException {
        return new KeyRehearsal(key, params, files, clock, out, err);
    }

    /** One publish line, line {@code number} of the input; lines of types the key does not take are only reported. */
    void accept(Message.Publish event, long number) throws IOException {
        RawEvent raw = new RawEvent(event.eventType(), event.eventId(),
                event.sourceTime() == null ? Long.toString(clock.millis()) : event.sourceTime(), number,
                RawJson.trusted(event.payload()));
        String subject = subject(raw);
        if (!EventTypePattern.selects(key.routeTypes(params), event.eventType()) || !key.match().matches(raw, params)) {
            skipped++;
            err.println("not matched: " + subject + "type " + JsonText.quote(event.eventType()) + " is not one the key takes");
            return;
        }
        JsonNode payload = JSON.read(event.payload());
        long filteredBefore = run.counters().filtered();
        run.accept(raw, payload);
        if (run.counters().filtered() > filteredBefore) {
            err.println("filtered: " + subject.substring(0, subject.length() - 2));
        }
    }

    /** The input ended: open windows and batches are emitted, as when a consumer stops. */
    void finish() throws IOException {
        run.finish();
    }

    /** The summary line: what went in and what became of it. */
    String summary() {
        Counters counts = run.counters();
        return "tested " + (counts.in() + skipped) + " event(s): " + counts.out() + " output line(s), not matched " + skipped
                + ", filtered " + counts.filtered() + ", failed " + counts.failed() + ", dead-lettered " + deadLetters.size();
    }

    private static String subject(Item item) {
        return item == null || item.envelope() == null ? "" : subject(item.envelope());
    }

    /** {@code event "o-1": }, or {@code line 3: } for an event without an id. */
    private static String subject(RawEvent event) {
        return event.eventId() != null ? "event " + JsonText.quote(event.eventId()) + ": " : "line " + event.seq() + ": ";
    }

    private static String text(JsonNode value) {
        try {
            return new String(JSON.write(value), StandardCharsets.UTF_8);
        } catch (IOException impossible) {
            return String.valueOf(value);
        }
    }
}
