package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.testkit.BusSources;
import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.EvbusProcess;
import dev.evbus.testkit.Poll;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sources of a real bus under hostile or unlucky input: a crowd of connections, slow-loris
 * clients, bad bodies, and a followed file that is rotated and deleted. Each test checks what
 * reached a real consumer and that the bus stayed up.
 */
@ExtendWith(EvbusExtension.class)
class SourcesFaultIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int CROWD = 1_000;

    private static String event(String id, String type) {
        return "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"source\":\"test\",\"timestamp\":1700000000000,\"data\":{}}";
    }

    private static HttpResponse<String> post(String address, String path, HttpRequest.BodyPublisher body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + address + path)).POST(body).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Test
    void aThousandKeepAliveConnectionsEachPostOnceEveryEventArrivesOnceAndConnectionsPastTheCapAreClosed(Evbus evbus)
            throws IOException {
        evbus.writeAppConfig("{\"sources\": {\"http\": {\"max_connections\": " + CROWD + "}}}");
        EvbusProcess serve = evbus.start("serve");
        serve.awaitStderrContaining("serving in the foreground");
        String address = BusSources.httpAddress(evbus);
        EvbusProcess consumer = evbus.consumeReady("raw", "-p", "type=load.*", "--max-events", String.valueOf(CROWD));

        List<RawHttp> crowd = new ArrayList<>();
        try {
            for (int i = 0; i < CROWD; i++) {
                RawHttp connection = RawHttp.connect(address);
                crowd.add(connection);
                connection.send(RawHttp.post("/events", event("e" + i, "load.item")));
            }
            for (RawHttp connection : crowd) {
                RawHttp.Response answer = connection.read();
                assertEquals(200, answer.status(), answer.toString());
                assertEquals(Evbus.parse("{\"success\":true,\"message\":\"Event processed\"}"), Evbus.parse(answer.body()));
            }
            // all of them still open (kept alive): one more is closed as soon as accepted, not left hanging
            try (RawHttp beyond = RawHttp.connect(address)) {
                beyond.send(RawHttp.get("/health"));
                assertEquals("", beyond.awaitClosedByServer(), "a connection past max_connections is closed unanswered");
            }
            RawHttp reused = crowd.getFirst();
            reused.send(RawHttp.get("/health"));
            RawHttp.Response health = reused.read();
            assertEquals(200, health.status(), "a kept-alive connection takes a second request: " + health);
        } finally {
            for (RawHttp connection : crowd) {
                connection.close();
            }
        }

        assertEquals(0, consumer.awaitExit(), consumer.describe());
        List<String> expected = IntStream.range(0, CROWD).mapToObj(i -> "e" + i).sorted().toList();
        assertEquals(expected, consumer.eventIds().stream().sorted().toList(), "every event once");
        JsonNode http = BusSources.of(evbus, "http");
        assertEquals(CROWD, http.path("events_in").asLong(), http.toString());
        assertEquals(0, http.path("errors").asLong(), http.toString());
        // the crowd gone, the server takes new connections again
        Poll.until(Poll.PATIENCE, "a new connection to be served", () -> {
            try (RawHttp fresh = RawHttp.connect(address)) {
                fresh.send(RawHttp.get("/health"));
                return fresh.read().status() == 200;
            } catch (IOException closedStill) {
                return false;
            }
        });
        serve.terminate();
        assertEquals(0, serve.awaitExit(), serve.describe());
        assertTrue(serve.stderr().stream().noneMatch(line -> line.contains("Exception") || line.startsWith("\tat ")),
                serve.describe());
    }

    @Test
    void slowLorisClientsAreCutAfterTheReadTimeoutWhileANormalClientIsServed(Evbus evbus) throws Exception {
        evbus.writeAppConfig("{\"sources\": {\"http\": {\"read_timeout\": \"2s\"}}}");
        // attached to the end: a consumer-started bus with nobody attached goes idle and stops
        EvbusProcess consumer = evbus.consumeReady("raw", "-p", "type=loris.*");
        String address = BusSources.httpAddress(evbus);
        try (var threads = Executors.newVirtualThreadPerTaskExecutor();
                RawHttp dripping = RawHttp.connect(address); RawHttp halfBody = RawHttp.connect(address)) {
            // headers one byte every 100 ms: 30 s worth, far past the 2 s read timeout
            Future<String> drip = threads.submit(() -> drip(dripping,
                    "POST /events HTTP/1.1\r\nHost: evbus\r\nX-Slow: " + "x".repeat(300) + "\r\n\r\n"));
            halfBody.send("POST /events HTTP/1.1\r\nHost: evbus\r\nContent-Length: 200\r\n\r\n{\"id\":\"never\"");

            HttpResponse<String> normal = post(address, "/events", HttpRequest.BodyPublishers.ofString(event("ok", "loris.ok")));
            assertEquals(200, normal.statusCode(), normal.body());
            consumer.awaitStdoutContaining("\"ok\"");

            assertEquals("", halfBody.awaitClosedByServer(), "a body that never ends is cut without an answer");
            assertEquals("cut", drip.get(), "headers sent byte by byte are cut");
        }
        assertEquals("running", evbus.status().path("state").asText());
        assertEquals(1, BusSources.of(evbus, "http").path("events_in").asLong());
        consumer.closeStdin();
        assertEquals(0, consumer.awaitExit(), consumer.describe());
        assertEquals(List.of("ok"), consumer.eventIds(), "nothing of the cut requests was published");
    }

    /** Writes {@code request} a byte at a time; "cut" when the server ended the connection first. */
    private static String drip(RawHttp connection, String request) throws InterruptedException {
        try {
            for (char c : request.toCharArray()) {
                connection.send(String.valueOf(c));
                Thread.sleep(100); // the pace of the slow client under test, not a wait for a condition
            }
            return "sent whole: " + connection.read();
        } catch (IOException closed) {
            return "cut";
        }
    }

    @Test
    void badBodiesGetTheirDocumentedStatusAndMessagePublishNothingAndLeaveNoStackTrace(Evbus evbus) {
        evbus.writeAppConfig("{\"sources\": {\"http\": {\"max_body\": \"1KiB\"}}}");
        EvbusProcess consumer = evbus.consumeReady("raw", "-p", "type=bad.*");
        String address = BusSources.httpAddress(evbus);
        String big = "x".repeat(2_000);
        record Case(String path, HttpRequest.BodyPublisher body, int status, String messageStart) {
        }
        List<Case> cases = List.of(
                new Case("/events", HttpRequest.BodyPublishers.ofString("{\"id\":\"a\","), 400,
                        "the body is not valid JSON at line 1, column 11: Unexpected end-of-input"),
                new Case("/events", HttpRequest.BodyPublishers.ofString(event("a", "bad.x").replace("\"a\"", "5")), 400,
                        "id must be a non-empty string, not 5"),
                new Case("/events", HttpRequest.BodyPublishers.ofString(
                        event("a", "bad.x").replace("1700000000000", "\"soon\"")), 400,
                        "timestamp must be a whole number of milliseconds since the epoch (0 or more), not \"soon\""),
                new Case("/events/batch", HttpRequest.BodyPublishers.ofString(
                        "[" + event("b1", "bad.x") + ",{\"id\":\"b2\"}]"), 400,
                        "item 1: type is required (an event type such as order.placed); nothing in the batch was published"),
                new Case("/events", HttpRequest.BodyPublishers.ofString(event(big, "bad.x")), 413,
                        "the body is larger than max_body (1KiB)"),
                new Case("/events/batch", HttpRequest.BodyPublishers.ofString(
                        "[" + String.join(",", IntStream.range(0, 20).mapToObj(i -> event("c" + i, "bad.x")).toList()) + "]"),
                        413, "the body is larger than max_body (1KiB)"),
                // no Content-Length: chunked, cut while reading
                new Case("/events", HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(event(big, "bad.x").getBytes(StandardCharsets.UTF_8))),
                        413, "the body is larger than max_body (1KiB)"));
        for (Case bad : cases) {
            HttpResponse<String> answer = post(address, bad.path(), bad.body());
            assertEquals(bad.status(), answer.statusCode(), bad + " -> " + answer.body());
            JsonNode body = Evbus.parse(answer.body());
            assertEquals(false, body.path("success").asBoolean(true), answer.body());
            assertTrue(body.path("message").asText().startsWith(bad.messageStart()), bad + " -> " + answer.body());
        }

        HttpResponse<String> good = post(address, "/events", HttpRequest.BodyPublishers.ofString(event("good", "bad.fine")));
        assertEquals(200, good.statusCode(), good.body());
        consumer.awaitStdoutContaining("\"good\"");
        JsonNode http = BusSources.of(evbus, "http");
        assertEquals(1, http.path("events_in").asLong(), http.toString());
        assertEquals(cases.size(), http.path("errors").asLong(), http.toString());
        consumer.closeStdin();
        assertEquals(0, consumer.awaitExit(), consumer.describe());
        assertEquals(List.of("good"), consumer.eventIds(), "none of the bad bodies published anything");
        List<String> log = evbus.busLogLines();
        assertTrue(log.stream().noneMatch(line -> line.contains("Exception") || line.startsWith("\tat ")), String.join("\n", log));
        assertTrue(log.stream().noneMatch(line -> line.contains(big)), "no raw body in the log");
    }

    @Test
    void aFollowedFileReplacedThenDeletedReachesTheConsumerOnceWithASourceStatusLineForEachChange(Evbus evbus)
            throws IOException {
        Path file = evbus.base().resolve("app.ndjson");
        Files.writeString(file, line("a1"));
        evbus.writeAppConfig("{\"sources\": {\"file\": {\"path\": \"" + file + "\", \"start_at\": \"beginning\","
                + " \"poll_interval\": \"50ms\"}}}");
        EvbusProcess consumer = evbus.consumeReady("raw", "-p", "type=file.*", "--since", "all");
        // the replacement below must find the source following the first file (a source that
        // looks for the file only after it was moved away starts on the new one)
        Poll.until(Poll.PATIENCE, "the file source to follow " + file,
                () -> BusSources.of(evbus, "file").path("state").asText().equals("connected"));
        Files.writeString(file, line("a2"), StandardOpenOption.APPEND);
        Files.move(file, evbus.base().resolve("app.ndjson.1"));
        Files.writeString(file, line("b1"));
        consumer.awaitStdoutContaining("\"b1\"");

        Files.delete(file);
        consumer.awaitStderr(l -> l.startsWith("[event] source \"file\" disconnected: ") && l.contains("is gone"),
                "the disconnected line");
        Files.writeString(file, line("c1"));
        consumer.awaitStdoutContaining("\"c1\"");
        consumer.awaitStderr(l -> l.startsWith("[event] source \"file\" reconnecting"), "the reconnecting line");
        consumer.awaitStderr(l -> l.startsWith("[event] source \"file\" connected"), "the connected line");
        assertEquals("connected", BusSources.of(evbus, "file").path("state").asText());
        consumer.closeStdin();
        assertEquals(0, consumer.awaitExit(), consumer.describe());
        assertEquals(List.of("a1", "a2", "b1", "c1"), consumer.eventIds(), "every line once, in order");
    }

    private static String line(String id) {
        return "{\"event_type\":\"file.line\",\"event_id\":\"" + id + "\",\"payload\":{\"n\":\"" + id + "\"}}\n";
    }
}
