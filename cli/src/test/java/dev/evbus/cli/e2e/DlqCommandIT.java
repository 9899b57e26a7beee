package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.evbus.testkit.CommandResult;
import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.EvbusProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code evbus dlq}: dead letters a consumer's failing HTTP effect wrote, listed, shown, replayed and purged. */
@ExtendWith(EvbusExtension.class)
class DlqCommandIT {
    private static final String KEY = """
            key: events.processed
            event_types: [order.placed]
            params:
              - {name: webhook, required: true, description: where to POST each event}
            stages:
              - effects:
                  sinks:
                    - http: {url: "${webhook}", retry: {attempts: 3, backoff: 10ms}, on_error: dead_letter}
            """;
    private static final String ORDER = "{\"id\":\"o-1\",\"total\":9.5}";

    /** An endpoint answering 503 until told to recover, recording what it was sent and answered. */
    private static final class Endpoint implements AutoCloseable {
        final List<String> seen = new CopyOnWriteArrayList<>();
        final AtomicBoolean up = new AtomicBoolean();
        final HttpServer server;

        Endpoint() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                int status = up.get() ? 200 : 503;
                seen.add(status + " " + exchange.getRequestMethod() + " " + body);
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @Test
    void aFailingHttpEffectIsDeadLetteredListedShownKeptByAFailedReplayAndDeliveredOnceByAReplayAfterRecovery(Evbus evbus)
            throws IOException {
        Files.writeString(Files.createDirectories(evbus.home().resolve("keys")).resolve("events.yaml"), KEY);
        try (Endpoint endpoint = new Endpoint()) {
            EvbusProcess consumer = evbus.consumeReady("events.processed", "-p", "webhook=" + endpoint.url(), "--max-events", "1");
            evbus.publish("order.placed", "o-1", ORDER);
            assertEquals(0, consumer.awaitExit(), consumer.describe());
            assertEquals(List.of(ORDER), consumer.stdout(), "the output goes on whatever the sink does");
            assertEquals(List.of("503 POST " + ORDER, "503 POST " + ORDER, "503 POST " + ORDER), endpoint.seen);
            assertTrue(consumer.stderr().stream().anyMatch(line -> line.equals("[event] warning: event \"o-1\": "
                    + "/stages/0/effects/sinks/0/http failed after 3 attempts, dead-lettered: POST " + endpoint.url()
                    + " answered HTTP 503")), consumer.describe());

            JsonNode listed = listJson(evbus);
            assertEquals(1, listed.size(), listed.toString());
            JsonNode entry = listed.get(0);
            String id = entry.path("id").asText();
            assertEquals("o-1", entry.path("event_id").asText());
            assertEquals("events.processed", entry.path("key").asText());
            assertEquals("/stages/0/effects/sinks/0/http", entry.path("stage").asText());
            assertEquals("POST " + endpoint.url() + " answered HTTP 503", entry.path("dlq_reason").asText());
            assertEquals(3, entry.path("retry_count").asInt());
            Path file = Path.of(entry.path("file").asText());
            assertEquals(evbus.home().resolve("dlq/default/events.processed").resolve(id + ".json"), file);

            CommandResult text = evbus.run("dlq", "list");
            assertEquals(0, text.exitCode(), text.toString());
            assertEquals(2, text.stdout().size(), text.toString());
            assertTrue(text.stdout().get(0).matches("ID +EVENT +KEY +RETRIES +FAILED AT +REASON +FILE"), text.toString());
            assertTrue(text.stdout().get(1).matches(id + " +\"o-1\" +events\\.processed +3 +\\S+ +\"POST [^\"]+ answered HTTP 503\" +"
                    + file), text.toString());

            CommandResult show = evbus.run("dlq", "show", id);
            assertEquals(0, show.exitCode(), show.toString());
            JsonNode shown = Evbus.parse(show.stdoutText());
            assertEquals(Evbus.parse(Files.readString(file)), shown);
            assertEquals(Evbus.parse(ORDER), shown.path("value"));
            assertEquals("o-1", shown.path("event").path("event_id").asText());
            assertEquals(endpoint.url(), shown.path("params").path("webhook").asText());
            CommandResult byEvent = evbus.run("dlq", "show", "o-1");
            assertEquals(0, byEvent.exitCode(), byEvent.toString());
            assertEquals(shown, Evbus.parse(byEvent.stdoutText()), "the event's own id finds its only letter");

            CommandResult stillDown = evbus.run("dlq", "replay", "events.processed");
            assertEquals(1, stillDown.exitCode(), stillDown.toString());
            assertEquals("replayed 1: delivered 0, failed 1", stillDown.stderr().getLast(), stillDown.toString());
            assertEquals(4, listJson(evbus).get(0).path("retry_count").asInt());
            assertEquals(4, endpoint.seen.size(), "one attempt per replay: " + endpoint.seen);

            endpoint.up.set(true);
            CommandResult recovered = evbus.run("dlq", "replay", "events.processed");
            assertEquals(0, recovered.exitCode(), recovered.toString());
            assertEquals("replayed 1: delivered 1, failed 0", recovered.stderr().getLast(), recovered.toString());
            assertEquals(List.of("200 POST " + ORDER), endpoint.seen.stream().filter(seen -> seen.startsWith("200")).toList());
            assertEquals(0, listJson(evbus).size());
            assertEquals(List.of("no dead letters for key \"events.processed\""), evbus.run("dlq", "list", "events.processed").stdout());
        }
    }

    @Test
    void purgeRemovesEveryLetterOfItsKeyEvenUnreadableOnesWhichListOnlyWarnsAbout(Evbus evbus) throws IOException {
        Path dir = Files.createDirectories(evbus.home().resolve("dlq/default/k"));
        String id = "20250102T030405678Z-0a1b2c3d";
        Files.writeString(dir.resolve(id + ".json"), """
                {"id": "%s", "key": "k", "stage": "/stages/0/effects/sinks/0/dir", "dlq_reason": "disk full",
                 "retry_count": 1, "dlq_timestamp": "2025-01-02T03:04:05.678Z", "params": {},
                 "event": {"event_type": "a", "event_id": null, "source_time": "1", "seq": 1}, "value": {"n": 1}}
                """.formatted(id));
        Path corrupt = dir.resolve("20250101T000000000Z-00000000.json");
        Files.writeString(corrupt, "{");

        CommandResult list = evbus.run("dlq", "list", "--json");
        assertEquals(0, list.exitCode(), list.toString());
        assertEquals(id, Evbus.parse(list.stdoutText()).get(0).path("id").asText());
        assertEquals(1, list.stderr().size(), list.toString());
        assertTrue(list.stderr().get(0).startsWith("evbus: warning: " + corrupt + " is not a dead letter: not JSON: "), list.toString());

        CommandResult purge = evbus.run("dlq", "purge", "k");
        assertEquals(0, purge.exitCode(), purge.toString());
        assertEquals(List.of("removed 2 dead letter(s) of key \"k\""), purge.stdout());
        assertEquals("[]", evbus.run("dlq", "list", "--json").stdoutText());
    }

    @Test
    void anEventIdWithSeveralLettersIsRefusedByShowNamingEachLetter(Evbus evbus) throws IOException {
        Path dir = Files.createDirectories(evbus.home().resolve("dlq/default/k"));
        List<String> ids = List.of("20250102T030405678Z-0a1b2c3d", "20250102T030406000Z-0a1b2c3e");
        for (String id : ids) {
            Files.writeString(dir.resolve(id + ".json"), """
                    {"id": "%s", "key": "k", "stage": "/stages/0/effects/sinks/0/dir", "dlq_reason": "disk full",
                     "retry_count": 1, "dlq_timestamp": "2025-01-02T03:04:05.678Z", "params": {},
                     "event": {"event_type": "a", "event_id": "e-7", "source_time": "1", "seq": 1}, "value": {"n": 1}}
                    """.formatted(id));
        }
        CommandResult show = evbus.run("dlq", "show", "e-7");
        assertEquals(2, show.exitCode(), show.toString());
        assertEquals(List.of("evbus: event \"e-7\" has 2 dead letters: " + String.join(", ", ids)
                + " (hint: show one by its letter id)"), show.stderr());
        assertEquals(0, evbus.run("dlq", "show", ids.get(1)).exitCode());
    }

    @Test
    void badInputExitsTwoWithAHint(Evbus evbus) {
        CommandResult unknownKey = evbus.run("dlq", "replay", "nope");
        assertEquals(2, unknownKey.exitCode(), unknownKey.toString());
        assertEquals(List.of("evbus: no dead letter, key or event \"nope\" for app \"default\" (see `evbus dlq list`)"),
                unknownKey.stderr());

        CommandResult unknownId = evbus.run("dlq", "show", "../../etc/passwd");
        assertEquals(2, unknownId.exitCode(), unknownId.toString());
        assertEquals(List.of("evbus: no dead letter \"../../etc/passwd\" for app \"default\" (see `evbus dlq list`)"), unknownId.stderr());

        CommandResult noKey = evbus.run("dlq", "purge");
        assertEquals(2, noKey.exitCode(), noKey.toString());
        assertEquals(List.of(), evbus.run("dlq", "list").stderr());
    }

    private static JsonNode listJson(Evbus evbus) {
        CommandResult list = evbus.run("dlq", "list", "--json");
        assertEquals(0, list.exitCode(), list.toString());
        return Evbus.parse(list.stdoutText());
    }
}
