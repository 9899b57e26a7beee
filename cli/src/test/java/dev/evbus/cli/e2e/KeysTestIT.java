package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.evbus.testkit.CommandResult;
import dev.evbus.testkit.Evbus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code evbus keys test}: a key's pipeline on sample events through bin/evbus, without a bus: the
 * examples' own test files pass, a difference exits 1 and is shown, and no effect leaves the process.
 */
@ExtendWith(EvbusExtension.class)
class KeysTestIT {

    @Test
    void theEnrichmentExamplePassesItsOwnTestFile(Evbus evbus) {
        Path dir = evbus.root().resolve("examples/enrichment");
        CommandResult result = evbus.run("keys", "test", dir.resolve("log-alerts.yaml").toString(),
                "--input", dir.resolve("log-alerts.test.ndjson").toString(),
                "--expect", dir.resolve("log-alerts.expected.ndjson").toString());
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(Evbus.readLines(dir.resolve("log-alerts.expected.ndjson")), result.stdout());
        assertEquals(List.of("filtered: event \"log-1\"", "filtered: event \"log-2\"", "filtered: event \"log-4\"",
                "tested 5 event(s): 2 output line(s), not matched 0, filtered 3, failed 0, dead-lettered 0",
                "output as expected (2 line(s))"), result.stderr());
        assertTrue(evbus.pidFromFile().isEmpty(), "keys test started no bus");
    }

    @Test
    void theEventProcessingExamplePassesItsOwnTestFileWithAFixedNow(Evbus evbus) {
        Path dir = evbus.root().resolve("examples/event-processing");
        CommandResult result = evbus.run("keys", "test", dir.resolve("events-processed.yaml").toString(),
                "-p", "webhook=https://hooks.example.com/events", "--now", "2026-01-01T00:00:00Z",
                "--input", dir.resolve("events-processed.test.ndjson").toString(),
                "--expect", dir.resolve("events-processed.expected.ndjson").toString());
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stderr().contains(
                "dead-letter: event \"evt-4\": /stages/2/route/routes/0/stages/0/validate: field \"data.user_id\" is missing"), result.toString());
        assertTrue(result.stderr().contains(
                "not matched: event \"processed-evt-1\": type \"events.processed\" is not one the key takes"), result.toString());
        assertTrue(result.stderr().contains(
                "tested 6 event(s): 4 output line(s), not matched 1, filtered 0, failed 1, dead-lettered 1"), result.toString());
    }

    @Test
    void aDifferenceFromTheExpectedLinesExitsOneAndShowsEachSide(Evbus evbus) throws IOException {
        Path dir = evbus.root().resolve("examples/enrichment");
        List<String> expected = Evbus.readLines(dir.resolve("log-alerts.expected.ndjson"));
        Path changed = Files.write(evbus.workDir().resolve("changed.ndjson"), List.of(
                expected.get(0).replace("\"Sydney\"", "\"Perth\""), expected.get(1)));
        CommandResult result = evbus.run("keys", "test", dir.resolve("log-alerts.yaml").toString(),
                "--input", dir.resolve("log-alerts.test.ndjson").toString(), "--expect", changed.toString());
        assertEquals(1, result.exitCode(), result.toString());
        int header = result.stderr().indexOf("output differs from " + changed + " (- expected, + actual):");
        assertTrue(header >= 0, result.toString());
        assertEquals(List.of("- " + expected.get(0).replace("\"Sydney\"", "\"Perth\""), "+ " + expected.get(0), "  " + expected.get(1)),
                result.stderr().subList(header + 1, result.stderr().size()));
    }

    @Test
    void fieldOrderDoesNotCountInTheExpectedLines(Evbus evbus) throws IOException {
        Path dir = evbus.root().resolve("examples/enrichment");
        Path reordered = Files.write(evbus.workDir().resolve("reordered.ndjson"), List.of(
                "{\"alert\":true,\"severity\":9,\"city\":\"Sydney\",\"country\":\"AU\",\"message\":\"disk full on /data\",\"level\":\"error\",\"ip\":\"203.0.113.5\"}",
                "",
                "{\"ip\": \"198.51.100.1\", \"level\": \"critical\", \"message\": \"auth service down\", \"country\": \"US\", \"city\": \"Chicago\", \"severity\": 10, \"alert\": true}"));
        CommandResult result = evbus.run("keys", "test", dir.resolve("log-alerts.yaml").toString(),
                "--input", dir.resolve("log-alerts.test.ndjson").toString(), "--expect", reordered.toString());
        assertEquals(0, result.exitCode(), result.toString());
    }

    @Test
    void effectsAreReportedNotMadeAndDeadLettersStayOutOfTheDlq(Evbus evbus) throws Exception {
        try (WebhookServer server = new WebhookServer()) {
            Path out = evbus.workDir().resolve("out");
            Path key = Files.writeString(evbus.workDir().resolve("fanout.yaml"), String.join("\n",
                    "key: fanout",
                    "event_types: [order.placed]",
                    "stages:",
                    "  - validate: {require: [total], on_error: dead_letter}",
                    "  - effects:",
                    "      sinks:",
                    "        - http: {url: \"" + server.hookUrl() + "?token=secret\"}",
                    "        - dir: " + out,
                    "        - publish: {event_type: order.copied}",
                    ""));
            Path input = Files.write(evbus.workDir().resolve("in.ndjson"), List.of(
                    "{\"event_type\":\"order.placed\",\"event_id\":\"o-1\",\"payload\":{\"total\":5}}",
                    "{\"event_type\":\"order.placed\",\"event_id\":\"o-2\",\"payload\":{\"note\":\"no total\"}}"));
            CommandResult result = evbus.run("keys", "test", key.toString(), "--input", input.toString());

            assertEquals(0, result.exitCode(), result.toString());
            assertEquals(List.of("{\"total\":5}"), result.stdout());
            String hook = server.hookUrl().replaceFirst("\\?.*", "");
            assertTrue(result.stderr().contains("effect: event \"o-1\": would POST " + hook + ": {\"total\":5}"), result.toString());
            assertTrue(result.stderr().contains("effect: event \"o-1\": would write a file in " + out + ": {\"total\":5}"), result.toString());
            assertTrue(result.stderr().contains("effect: would publish order.copied id \"order.copied:o-1\": {\"total\":5}"), result.toString());
            assertTrue(result.stderr().contains("dead-letter: event \"o-2\": /stages/0/validate: field \"total\" is missing"), result.toString());
            assertFalse(result.toString().contains("secret"), "the url's query is not shown: " + result);
            assertEquals(List.of(), server.deliveries(), "nothing was POSTed");
            assertFalse(Files.exists(out), "the dir sink wrote nothing");
            assertTrue(evbus.pidFromFile().isEmpty(), "no bus was started for the publish sink");
            CommandResult dlq = evbus.run("dlq", "list");
            assertEquals(0, dlq.exitCode(), dlq.toString());
            assertFalse(dlq.stdoutText().contains("o-2"), "the dead letter stayed in memory: " + dlq);
        }
    }

    @Test
    void aBadInputLineIsOneLineNamingItsNumberAndExitsTwo(Evbus evbus) throws IOException {
        Path input = Files.write(evbus.workDir().resolve("bad.ndjson"), List.of(
                "{\"event_type\":\"log.line\",\"payload\":{}}", "{\"payload\":{}}"));
        CommandResult result = evbus.run("keys", "test", evbus.root().resolve("examples/enrichment/log-alerts.yaml").toString(),
                "--input", input.toString());
        assertEquals(2, result.exitCode(), result.toString());
        String last = result.stderr().get(result.stderr().size() - 1);
        assertTrue(last.startsWith("evbus: " + input + " line 2: "), result.toString());
    }
}
