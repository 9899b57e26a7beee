package dev.evbus.pipeline.effect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.pipeline.DeadLetter;
import dev.evbus.pipeline.Problem;
import dev.evbus.pipeline.StageHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EffectsStageTest {
    /** Sink files are named after the wall clock's milliseconds: a start with a fraction shows them whole. */
    private static final Instant NOW = Instant.parse("2025-01-02T03:04:05.678Z");
    private static final String EVENT = "{\"id\":\"e-1\",\"type\":\"order.placed\",\"data\":{\"total\":9.5}}";

    @TempDir
    Path dir;

    private final List<DeadLetter> letters = new ArrayList<>();
    private final List<String> published = new ArrayList<>();

    private StageHarness pipelines() {
        return new StageHarness(dir).startingAt(NOW).deadLetters(letters::add)
                .republisher((type, id, payload) -> published.add(type + " " + id + " " + payload));
    }

    @Test
    void anHttpSinkRetriesAFailingEndpointAndDeliversTheItemOnceAsJson() throws Exception {
        try (SinkServer server = SinkServer.failingFirst(2, 503)) {
            StageHarness run = pipelines().compile("[{\"effects\": {\"sinks\": [{\"http\": {\"url\": \"" + server.url("/hook")
                    + "\", \"retry\": {\"attempts\": 3, \"backoff\": \"100ms\"}, \"on_error\": \"dead_letter\"}}]}}]");
            run.send("order.placed", "e-1", EVENT);

            assertEquals(3, server.requests.size(), server.requests.toString());
            assertEquals(List.of(new SinkServer.Request("POST", "/hook", "application/json", EVENT, 200)), server.delivered());
            assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200)), run.sleeps);
            assertEquals(List.of(), letters);
            assertEquals(List.of(StageHarness.parse(EVENT)), run.output);
            assertEquals(0, run.counters().failed());
        }
    }

    @Test
    void anAlwaysFailingHttpSinkIsDeadLetteredAfterItsAttemptsWhileTheOtherSinksAndTheOutputStillGetTheItem() throws Exception {
        try (SinkServer server = SinkServer.alwaysFailing(500)) {
            StageHarness run = pipelines().compile("[{\"effects\": {\"sinks\": ["
                    + "{\"http\": {\"url\": \"" + server.url("/hook") + "\", \"retry\": {\"attempts\": 4, \"backoff\": \"1s\"},"
                    + " \"on_error\": \"dead_letter\"}},"
                    + "{\"dir\": \"out\"},"
                    + "{\"publish\": {\"event_type\": \"events.processed\"}}]}}]");
            run.send("order.placed", "e-1", EVENT);

            assertEquals(4, server.requests.size());
            assertEquals(1, letters.size(), letters.toString());
            DeadLetter letter = letters.get(0);
            assertEquals("/stages/0/effects/sinks/0/http", letter.stagePath());
            assertEquals(4, letter.retryCount());
            assertEquals("POST " + server.url("/hook") + " answered HTTP 500", letter.reason());
            assertEquals(StageHarness.parse(EVENT), letter.item().value());
            assertEquals("e-1", letter.item().envelope().eventId());
            assertEquals(NOW, letter.failedAt());
            assertEquals(List.of(EVENT), files(dir.resolve("out")).stream().map(EffectsStageTest::content).toList());
            assertEquals(List.of("events.processed events.processed:e-1 " + EVENT), published);
            assertEquals(List.of(StageHarness.parse(EVENT)), run.output);
            assertEquals(1, run.counters().deadLettered());
            assertEquals(List.of("/stages/0/effects/sinks/0/http failed after 4 attempts, dead-lettered: POST "
                    + server.url("/hook") + " answered HTTP 500"), run.warnings);
        }
    }

    @Test
    void aFailingSinkIsSkippedByDefaultWithAWarningNamingItsPath() throws Exception {
        StageHarness run = new StageHarness(dir).startingAt(NOW).deadLetters(letters::add).republisher((type, id, payload) -> {
            throw new IOException("no bus");
        }).compile("[{\"effects\": {\"sinks\": [{\"publish\": \"copied\"}], \"output\": false}}]");
        run.send("a", "e-1", "{}");

        assertEquals(List.of("/stages/0/effects/sinks/0/publish failed: publish as copied: no bus"), run.warnings);
        assertEquals(List.of(), letters);
        assertEquals(List.of(), run.output);
        assertEquals(1, run.counters().failed());
    }

    @Test
    void anHttpSinkThatGetsNoAnswerWithinItsTimeoutFailsSayingSo() throws Exception {
        try (SinkServer server = SinkServer.silent()) {
            StageHarness run = pipelines().compile("[{\"effects\": {\"sinks\": [{\"http\": {\"url\": \"" + server.url("/slow")
                    + "\", \"timeout\": \"300ms\", \"on_error\": \"dead_letter\"}}]}}]");
            run.send("a", "e-1", "{}");

            assertEquals(1, letters.size());
            assertEquals("POST " + server.url("/slow") + ": no answer within 300 ms", letters.get(0).reason());
        }
    }

    @Test
    void anHttpSinkSendsItsMethodAndHeadersAndNamesAConnectionFailure() throws Exception {
        SinkServer closed = SinkServer.failingFirst(0, 200);
        String url = closed.url("/gone");
        closed.close();
        StageHarness run = pipelines().compile("[{\"effects\": {\"sinks\": [{\"http\": {\"url\": \"" + url
                + "\", \"method\": \"put\", \"headers\": {\"X-Token\": \"t\"}, \"on_error\": \"dead_letter\"}}]}}]");
        run.send("a", "e-1", "{}");

        assertEquals(1, letters.size());
        assertTrue(letters.get(0).reason().startsWith("PUT " + url + ": ConnectException"), letters.get(0).reason());
    }

    @Test
    void aDirectorySinkWritesEachItemAsOnePrivateFileInAPrivateDirectory() throws Exception {
        StageHarness run = pipelines().compile("[{\"effects\": {\"sinks\": [{\"dir\": {\"path\": \"a/b\"}}, {\"dir\": \"a/b\"}]}}]");
        run.send("a", "e-1", "{\"n\":1}");
        run.send("a", "e-2", "{\"n\":2}");

        Path out = dir.resolve("a/b");
        List<Path> written = files(out);
        assertEquals(4, written.size(), written.toString());
        assertEquals(List.of("{\"n\":1}", "{\"n\":1}", "{\"n\":2}", "{\"n\":2}"),
                written.stream().map(EffectsStageTest::content).sorted().toList());
        for (Path file : written) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertTrue(file.getFileName().toString().matches("1735787045678-[0-9]+-[0-9]+\\.json"), file.toString());
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a"))));
    }

    @Test
    void aPublishSinkTakesItsIdFromAJqExpressionAndPublishesNoIdWhenItGivesNull() throws Exception {
        StageHarness run = pipelines().compile("[{\"effects\": {\"sinks\": [{\"publish\": {\"event_type\": \"copies\","
                + " \"id\": \"\\\"copy-\\\" + $event.event_id\"}}, {\"publish\": {\"event_type\": \"others\", \"id\": \".missing\"}}]}}]");
        run.send("a", "e-9", "{\"x\":1}");

        assertEquals(List.of("copies copy-e-9 {\"x\":1}", "others null {\"x\":1}"), published);
    }

    @Test
    void badSinksAreProblemsAtTheirPaths() {
        List<Problem> problems = pipelines().problems("[{\"effects\": {\"sinks\": ["
                + "{\"ftp\": \"x\"}, {\"http\": {\"url\": \"ftp://x\"}}, {\"http\": {}}, {\"publish\": \"a.*\"},"
                + "{\"dir\": {\"path\": \"d\", \"colour\": 1}}, {\"http\": \"http://x\"}]}}, {\"effects\": {}}]");

        assertEquals(List.of(
                "/stages/0/effects/sinks/0: a sink is an object with one field, its kind: dir, http or publish (such as {\"dir\": \"out\"})",
                "/stages/0/effects/sinks/1/http/url: must be an http:// or https:// URL with a host, not \"ftp://x\"",
                "/stages/0/effects/sinks/2/http/url: is required",
                "/stages/0/effects/sinks/3/publish/event_type: an event to publish needs an exact type, not a pattern",
                "/stages/0/effects/sinks/4/dir/colour: unknown option",
                "/stages/0/effects/sinks/5/http: options must be an object such as {url: …}",
                "/stages/1/effects/sinks: is required (a list of {dir: …}, {http: …} or {publish: …})"),
                problems.stream().map(Problem::toString).toList());
    }

    @Test
    void aDirectoryPathThatIsAFileIsAProblem() throws IOException {
        Files.writeString(dir.resolve("taken"), "");
        List<Problem> problems = pipelines().problems("[{\"effects\": {\"sinks\": [{\"dir\": \"taken\"}]}}]");
        assertEquals(List.of("/stages/0/effects/sinks/0/dir/path: " + dir.resolve("taken") + " exists and is not a directory"),
                problems.stream().map(Problem::toString).toList());
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.sorted().toList();
        }
    }

    private static String content(Path file) {
        try {
            String text = Files.readString(file);
            assertTrue(text.endsWith("\n"), text);
            JsonNode parsed = StageHarness.parse(text);
            return parsed.toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
