package dev.evbus.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The wrk scripts under {@code bench/http/} against a recording HTTP server: the bodies they send
 * are SPEC §12 events to the right path, every id is unique across wrk's threads and connections
 * (the bus would drop repeats as duplicates and the rate would count events never published), and
 * the result line {@link Wrk} parses matches what the server saw.
 */
class WrkScriptsTest {
    private static final Path SCRIPTS = Path.of("http").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConcurrentLinkedQueue<String> paths = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<JsonNode> bodies = new ConcurrentLinkedQueue<>();
    private final AtomicInteger recorded = new AtomicInteger();
    private HttpServer server;
    private Path wrk;

    @BeforeEach
    void startRecordingServer() throws Exception {
        DebianTool.Found found = Wrk.find();
        // fails, never skips: .ci/run installs wrk, and Wrk.find installs it when run as root
        assertTrue(found instanceof DebianTool.Available, () -> "these tests run the real wrk scripts and need wrk"
                + " (`apt-get install wrk`): " + found);
        wrk = ((DebianTool.Available) found).binary();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", this::record);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private void record(HttpExchange exchange) throws IOException {
        paths.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
        bodies.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
        recorded.incrementAndGet(); // before answering: wrk cannot count a request not yet recorded
        byte[] answer = "{\"success\":true}".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    @Test
    void singleScriptPostsOneValidEventPerRequestWithIdsUniqueAcrossThreads() throws Exception {
        Wrk.Result result = Wrk.run(wrk, SCRIPTS.resolve("single.lua"), target(), 2, 8, Duration.ofSeconds(1), "t1");

        assertTrue(result.requests() > 0, "wrk made no request");
        assertEquals(0, result.non2xx() + result.socketErrors());
        assertTrue(recorded.get() >= result.requests(), recorded.get() + " recorded < " + result.requests() + " counted");
        assertTrue(paths.stream().allMatch("POST /events"::equals), "paths: " + new HashSet<>(paths));
        List<JsonNode> events = new ArrayList<>(bodies);
        events.forEach(WrkScriptsTest::assertEvent);
        assertUniqueIds(events);
    }

    @Test
    void batchScriptPostsHundredEventsPerRequestWithIdsUniqueAcrossRequests() throws Exception {
        Wrk.Result result = Wrk.run(wrk, SCRIPTS.resolve("batch.lua"), target(), 2, 4, Duration.ofSeconds(1), "t2");

        assertTrue(result.requests() > 0, "wrk made no request");
        assertEquals(0, result.non2xx() + result.socketErrors());
        assertTrue(paths.stream().allMatch("POST /events/batch"::equals), "paths: " + new HashSet<>(paths));
        List<JsonNode> events = new ArrayList<>();
        for (JsonNode batch : bodies) {
            assertEquals(HttpIngestBench.PER_BATCH, batch.size(), "events in one batch");
            batch.forEach(events::add);
        }
        events.forEach(WrkScriptsTest::assertEvent);
        assertUniqueIds(events);
    }

    private URI target() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void assertEvent(JsonNode event) {
        assertTrue(event.path("id").isTextual() && event.path("type").asText().equals("bench.http")
                && event.path("source").isTextual() && event.path("timestamp").isIntegralNumber()
                && event.path("data").path("value").isNumber(), "not a SPEC §12 event: " + event);
    }

    private static void assertUniqueIds(List<JsonNode> events) {
        HashSet<String> ids = new HashSet<>();
        events.forEach(event -> ids.add(event.path("id").asText()));
        assertEquals(events.size(), ids.size(), "ids repeated among " + events.size() + " events");
    }
}
