package dev.evbus.pipeline.dlq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.config.ApiClients;
import dev.evbus.event.AuthType;
import dev.evbus.config.Home;
import dev.evbus.event.KeyDefinition;
import dev.evbus.event.ManualTime;
import dev.evbus.event.ParamDef;
import dev.evbus.event.pipeline.Pipeline;
import dev.evbus.pipeline.DeadLetter;
import dev.evbus.pipeline.LoadedFiles;
import dev.evbus.pipeline.StageLibrary;
import dev.evbus.pipeline.effect.SinkServer;
import dev.evbus.pipeline.StageHarness;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeadLetterReplayTest {
    private static final Instant REPLAYED_AT = Instant.parse("2025-02-01T00:00:00Z");

    @TempDir
    Path home;

    private final List<Duration> sleeps = new ArrayList<>();
    private final List<String> published = new ArrayList<>();

    private DeadLetterStore store() {
        return new DeadLetterStore(new Home(home), "app");
    }

    /** A key whose stage 1 is effects with an http sink to {@code ${webhook}}, retried 5 times. */
    private static KeyDefinition key(String stagesJson) {
        return KeyDefinition.builder("events.processed").eventType("order.placed")
                .param(ParamDef.builder("webhook").description("where to POST").build())
                .customSchema(StageHarness.parse("{}")).pipeline(Pipeline.of(StageHarness.specs(stagesJson))).build();
    }

    private static final String STAGES = "[{\"batch\": {\"size\": 10}}, {\"effects\": {\"sinks\": ["
            + "{\"publish\": \"copies\"},"
            + "{\"http\": {\"url\": \"${webhook}\", \"retry\": {\"attempts\": 5}, \"on_error\": \"dead_letter\"}}]}}]";

    private DeadLetterReplay replay(KeyDefinition key) {
        return new DeadLetterReplay(key, StageLibrary.standard(), store(), new DeadLetterReplay.Environment("app", home,
                ApiClients.forApp(new Home(home), "app", AuthType.USER, Map.of()), new ManualTime(REPLAYED_AT),
                sleeps::add, new LoadedFiles(), (type, id, payload) -> published.add(type + " " + id), (item, p) -> { }));
    }

    private StoredLetter stored(String stagePath, String webhook) throws IOException {
        DeadLetter letter = DeadLetterStoreTest.letter("events.processed", "{\"id\":\"o-1\"}", Instant.parse("2025-01-02T03:00:00Z"));
        store().write(new DeadLetter(letter.key(), stagePath, Map.of("webhook", webhook), letter.item(), letter.reason(),
                letter.retryCount(), letter.failedAt()));
        List<Listing> listed = store().list(Optional.of("events.processed"));
        assertEquals(1, listed.size());
        return ((Listing.Readable) listed.get(0)).stored();
    }

    @Test
    void aReplayWhileTheEndpointIsDownKeepsTheLetterWithOneMoreAttemptAndOnceItIsUpDeliversItOnceAndRemovesIt() throws Exception {
        String url;
        try (SinkServer down = SinkServer.alwaysFailing(503)) {
            url = down.url("/hook");
            StoredLetter letter = stored("/stages/1/effects/sinks/1/http", url);

            var failed = assertInstanceOf(DeadLetterReplay.Outcome.Failed.class, replay(key(STAGES)).replay(letter));
            assertEquals(1, down.requests.size(), "one attempt per replay, whatever the sink's retry");
            assertEquals(List.of(), sleeps);
            StoredLetter kept = ((Listing.Readable) store().find(letter.id()).orElseThrow()).stored();
            assertEquals(4, kept.letter().retryCount());
            assertEquals("POST " + url + " answered HTTP 503", kept.letter().reason());
            assertEquals(REPLAYED_AT, kept.letter().failedAt());
            assertEquals(4, failed.letter().retryCount());
        }
        try (SinkServer up = SinkServer.failingFirst(0, 200)) {
            StoredLetter letter = ((Listing.Readable) store().list(Optional.empty()).get(0)).stored();
            KeyDefinition key = key(STAGES);
            // The letter's params name the endpoint, so a replay reaches the one that failed: point it at the new server.
            DeadLetter was = letter.letter();
            letter = store().update(letter, new DeadLetter(was.key(), was.stagePath(), Map.of("webhook", up.url("/hook")),
                    was.item(), was.reason(), was.retryCount(), was.failedAt()));

            var delivered = assertInstanceOf(DeadLetterReplay.Outcome.Delivered.class, replay(key).replay(letter));
            assertEquals(List.of(new SinkServer.Request("POST", "/hook", "application/json", "{\"id\":\"o-1\"}", 200)), up.requests);
            assertEquals(List.of(), delivered.outputs());
            assertEquals(List.of(), published, "only the failed sink runs again");
            assertEquals(List.of(), store().list(Optional.empty()));
        }
    }

    @Test
    void aReplayedStageThatIsNotASinkReturnsWhatItEmits() throws Exception {
        StoredLetter letter = stored("/stages/0/batch", "http://unused/");
        var delivered = assertInstanceOf(DeadLetterReplay.Outcome.Delivered.class, replay(key(STAGES)).replay(letter));
        assertEquals(List.of("[{\"id\":\"o-1\"}]"), delivered.outputs().stream().map(item -> item.value().toString()).toList());
    }

    @Test
    void aLetterWhoseStageIsGoneStaysWithItsCountAndSaysWhy() throws Exception {
        StoredLetter letter = stored("/stages/4/effects/sinks/0/http", "http://unused/");
        var failed = assertInstanceOf(DeadLetterReplay.Outcome.Failed.class, replay(key(STAGES)).replay(letter));
        assertEquals("cannot replay: /stages/4/effects/sinks/0/http: the key has no stage there any more"
                + " (its stages changed since the event failed)", failed.letter().reason());
        assertEquals(3, failed.letter().retryCount());
        JsonNode file = StageHarness.JSON.readTree(letter.file().toFile());
        assertEquals(failed.letter().reason(), file.path("dlq_reason").asText());
    }
}
