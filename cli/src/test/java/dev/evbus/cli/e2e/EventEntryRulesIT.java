package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.testkit.BusSources;
import dev.evbus.testkit.CommandResult;
import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.EvbusProcess;
import dev.evbus.testkit.Poll;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One rule for event ids and types at every door an event comes in by (publish, a producer's
 * frames, the HTTP and file sources), and numbers kept exactly as the HTTP client wrote them.
 * JSON escapes put the control characters and lone surrogates into the inputs, as a client would.
 */
@ExtendWith(EvbusExtension.class)
class EventEntryRulesIT {
    private static final String NUL_ID = "holds the control character U+0000 at character 2 (control characters are not allowed)";
    private static final String SURROGATE = "holds the lone surrogate U+D800 at character 1 (it is not valid Unicode)";

    private static String httpEvent(String id, String type, String data) {
        return "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"source\":\"t\",\"timestamp\":1700000000000,\"data\":" + data + "}";
    }

    @Test
    void httpKeepsNumbersAsWrittenAndRefusesIdsAndTypesWithControlCharactersOrLoneSurrogates(Evbus evbus) throws IOException {
        evbus.writeAppConfig("{\"sources\": {\"http\": {\"listen\": \"127.0.0.1:0\"}}}");
        EvbusProcess consumer = evbus.consumeReady("raw", "-p", "type=num.*");
        String address = BusSources.httpAddress(evbus);
        String numbers = "{\"huge\":1e999999,\"long\":123456789012345678901234567890,\"precise\":0.10000000000000000000001}";
        record Case(String body, int status, String message) {
        }
        for (Case c : List.of(
                new Case(httpEvent("a\\u0000b", "num.x", "{}"), 400, "id " + NUL_ID),
                new Case(httpEvent("\\ud800", "num.x", "{}"), 400, "id " + SURROGATE),
                new Case(httpEvent("t-1", "num\\u0000x", "{}"), 400, "type holds the control character U+0000 at character 4"),
                // spaces make it miss the fast path: the tree path must keep the numbers too
                new Case(" " + httpEvent("n-1", "num.x", numbers), 200, "Event processed"))) {
            try (RawHttp http = RawHttp.connect(address)) {
                http.send(RawHttp.post("/events", c.body()));
                RawHttp.Response answer = http.read();
                assertEquals(c.status(), answer.status(), c + " -> " + answer);
                assertTrue(Evbus.parse(answer.body()).path("message").asText().startsWith(c.message()), c + " -> " + answer);
            }
        }
        consumer.awaitStdoutContaining("\"n-1\"");
        assertTrue(consumer.stdout().getFirst().endsWith(",\"data\":" + numbers + "}}"), consumer.describe());
        consumer.closeStdin();
        assertEquals(0, consumer.awaitExit(), consumer.describe());
        assertEquals(List.of("n-1"), consumer.eventIds(), "nothing refused was published");
    }

    @Test
    void publishAndAProducersFramesRefuseTheSameIdsAndTypesAndTheRestGoesThrough(Evbus evbus) throws IOException {
        EvbusProcess consumer = evbus.consumeReady("raw", "-p", "type=rule.*");
        CommandResult stdin = evbus.runWithInput(String.join("\n",
                "{\"event_type\":\"rule.a\",\"event_id\":\"a\\u0000b\",\"payload\":{}}",
                "{\"event_type\":\"rule.a\",\"event_id\":\"\\ud800\",\"payload\":{}}",
                "{\"event_type\":\"rule\\u0085a\",\"payload\":{}}",
                // plain ASCII in the layout publish copies without decoding: the same rule applies there
                "{\"event_type\":\"rule." + "x".repeat(1020) + "\",\"payload\":{}}",
                "{\"event_type\":\"rule.ok\",\"event_id\":\"ok-1\",\"payload\":{}}") + "\n", "publish", "--stdin");
        assertEquals(2, stdin.exitCode(), stdin.toString());
        assertEquals(List.of("evbus: line 1: rejected: event_id " + NUL_ID, "evbus: line 2: rejected: event_id " + SURROGATE,
                "evbus: line 3: rejected: event_type holds the control character U+0085 at character 5 (control characters are not allowed)",
                "evbus: line 4: rejected: event_type is longer than 1024 characters"),
                stdin.stderr().subList(0, 4), stdin.toString());

        CommandResult argument = evbus.run("publish", "rule.a", "--id", "a\tb", "--data", "{}");
        assertEquals(2, argument.exitCode(), argument.toString());
        assertEquals(List.of("evbus: --id \"a\\tb\" holds the control character U+0009 at character 2 (control characters are not allowed)"),
                argument.stderr(), argument.toString());

        // a producer of its own, past every client-side check: the bus applies the same rule
        Path socket = Path.of(evbus.status().path("socket").asText());
        try (RawBusConnection producer = RawBusConnection.open(socket)) {
            producer.send("{\"type\":\"publish\",\"event_type\":\"rule.a\",\"event_id\":\"a\\u0000b\",\"payload\":{}}\n"
                    + "{\"type\":\"publish\",\"event_type\":\"rule.a\",\"event_id\":\"\\ud800\",\"payload\":{}}\n"
                    + "{\"type\":\"publish\",\"event_type\":\"rule.ok\",\"event_id\":\"ok-2\",\"payload\":{}}\n{\"type\":\"bye\"}\n");
            JsonNode ack = Evbus.parse(producer.readUntilClosed(Poll.PATIENCE).trim());
            assertEquals(1, ack.path("accepted").asLong(), ack.toString());
            assertEquals(2, ack.path("rejected").asLong(), ack.toString());
        }
        Poll.until(Poll.PATIENCE, "the bus to log why", () -> evbus.busLogLines().stream()
                .anyMatch(l -> l.contains("rejected a publish") && l.contains("event_id " + SURROGATE)));

        consumer.awaitStdoutLines(2);
        consumer.closeStdin();
        assertEquals(0, consumer.awaitExit(), consumer.describe());
        assertEquals(List.of("ok-1", "ok-2"), consumer.eventIds());
    }

    @Test
    void theFileSourceRefusesALineWhoseIdBreaksTheRuleAndFollowsOn(Evbus evbus) throws IOException {
        Path file = evbus.base().resolve("events.ndjson");
        Files.writeString(file, "{\"event_type\":\"file.line\",\"event_id\":\"\\ud800\",\"payload\":{}}\n"
                + "{\"event_type\":\"file.line\",\"event_id\":\"f-1\",\"payload\":{}}\n");
        evbus.writeAppConfig("{\"sources\": {\"file\": {\"path\": \"" + file + "\", \"start_at\": \"beginning\","
                + " \"poll_interval\": \"50ms\"}}}");
        EvbusProcess consumer = evbus.consumeReady("raw", "-p", "type=file.*", "--since", "all", "--max-events", "1");
        assertEquals(0, consumer.awaitExit(), consumer.describe());
        assertEquals(List.of("f-1"), consumer.eventIds());
        Poll.until(Poll.PATIENCE, "the bus to log the refused line", () -> evbus.busLogLines().stream()
                .anyMatch(l -> l.contains("the event id " + SURROGATE)), () -> String.join("\n", evbus.busLogLines()));
    }
}
