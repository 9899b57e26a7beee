package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.testkit.CommandResult;
import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.EvbusProcess;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * examples/event-processing installed as the README says, against a real local HTTP server standing
 * for both the webhook and the app's API: routing, enrichment, delivery to stdout, the webhook and
 * the bus at once, retries, dead letters and their replay.
 */
@ExtendWith(EvbusExtension.class)
class EventProcessingExampleIT {
    private static final String INSTALL = "mkdir -p \"$EVBUS_HOME/keys\" && cp %1$s/examples/event-processing/*.yaml \"$EVBUS_HOME/keys/\"";
    private static final String KEY = "events.processed";

    private static void setUp(Evbus evbus, WebhookServer server) {
        EnrichmentExampleIT.install(evbus, INSTALL);
        evbus.writeAppConfig("{\"api\": {\"base_url\": \"" + server.apiBaseUrl() + "\"}}");
    }

    private static List<String> sourceEvents(Evbus evbus) {
        return EnrichmentExampleIT.readLines(evbus.root().resolve("examples/event-processing/events.ndjson"));
    }

    @Test
    void eachEventIsRoutedStampedAndDeliveredToStdoutTheWebhookAndTheBusWithRetries(Evbus evbus) throws Exception {
        try (WebhookServer server = new WebhookServer()) {
            setUp(evbus, server);
            server.failNext(2);
            EvbusProcess republished = evbus.consumeReady("raw", "-p", "type=events.processed", "--max-events", "4");
            EvbusProcess consumer = evbus.consumeReady(KEY, "-p", "webhook=" + server.hookUrl(), "-p", "backoff=20ms",
                    "--max-events", "4");
            evbus.publishLines(sourceEvents(evbus));
            assertEquals(0, consumer.awaitExit(), consumer.describe());
            assertEquals(0, republished.awaitExit(), republished.describe());

            Map<String, JsonNode> out = consumer.stdoutJson().stream()
                    .collect(Collectors.toMap(event -> event.path("id").asText(), Function.identity()));
            assertEquals(List.of("evt-1", "evt-2", "evt-3", "evt-5"), out.keySet().stream().sorted().toList(), consumer.describe());
            assertEquals("users", out.get("evt-1").at("/metadata/handler").asText());
            assertEquals("orders", out.get("evt-2").at("/metadata/handler").asText());
            assertEquals("payments", out.get("evt-3").at("/metadata/handler").asText());
            assertEquals("unknown", out.get("evt-5").at("/metadata/handler").asText(), "user.deleted takes the default route");
            assertEquals("Ada Lovelace", out.get("evt-1").at("/data/profile/name").asText(), "enriched from the app's API");
            for (JsonNode event : out.values()) {
                assertEquals(List.of("id", "type", "source", "timestamp", "data", "metadata"), fieldNames(event), event.toString());
                assertEquals("1.0.0", event.at("/metadata/processor_version").asText(), event.toString());
                Instant.parse(event.at("/metadata/processed_at").asText()); // RFC 3339, or this throws
            }

            assertEquals(6, server.deliveries().size(), "two refused attempts, then each of four events once");
            assertEquals(List.of("evt-1", "evt-2", "evt-3", "evt-5"),
                    server.accepted().stream().map(body -> body.path("id").asText()).sorted().toList());
            assertEquals(out.get("evt-2"), server.accepted().stream().filter(b -> b.path("id").asText().equals("evt-2"))
                    .findFirst().orElseThrow(), "the webhook gets the processed event object");

            List<JsonNode> onBus = republished.stdoutJson();
            assertEquals(List.of("processed-evt-1", "processed-evt-2", "processed-evt-3", "processed-evt-5"),
                    onBus.stream().map(event -> event.path("event_id").asText()).sorted().toList(), republished.describe());
            for (JsonNode event : onBus) {
                assertEquals("events.processed", event.path("event_type").asText());
                assertEquals(out.get(event.at("/payload/id").asText()), event.path("payload"), "republished payload = processed object");
            }

            assertTrue(consumer.stderr().stream().anyMatch(line -> line.contains("evt-4") && line.contains("data.user_id")),
                    "a user.created without data.user_id is reported: " + consumer.describe());
            assertTrue(consumer.exitedLine().contains("failed 1, dead-lettered 1"), consumer.exitedLine());
            assertProcessedCountsPerTypeAndSource(consumer, evbus);
            JsonNode letters = Evbus.parse(String.join("\n", evbus.run("dlq", "list", "--json").stdout()));
            assertEquals(1, letters.size(), letters.toString());
            assertTrue(letters.get(0).path("dlq_reason").asText().contains("data.user_id"), letters.toString());
        }
    }

    /** The metrics stage's report, printed when the stream ended: one group per type and source that got through. */
    private static void assertProcessedCountsPerTypeAndSource(EvbusProcess consumer, Evbus evbus) {
        List<String> reports = consumer.stderr().stream().filter(line -> line.startsWith("[event] metrics ")).toList();
        assertEquals(1, reports.size(), consumer.describe());
        JsonNode metrics = Evbus.parse(reports.get(0).substring("[event] metrics ".length())).path("metrics");
        Map<String, JsonNode> byGroup = new java.util.TreeMap<>();
        metrics.forEach(group -> byGroup.put(group.path("type").asText() + "/" + group.path("source").asText(), group));
        assertEquals(List.of("order.placed/shop", "payment.received/billing", "user.created/signup", "user.deleted/admin"),
                List.copyOf(byGroup.keySet()), "evt-4 was dead-lettered before the metrics stage: " + metrics);
        long published = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
        for (JsonNode group : byGroup.values()) {
            assertEquals(1, group.path("processed").asInt(), group.toString());
            assertTrue(group.at("/bytes/total").asLong() > 150, group.toString());
            assertTrue(group.at("/lag_ms/min").asLong() >= System.currentTimeMillis() - published - 3_600_000L,
                    "lag from the event's timestamp (1 January 2026): " + group);
        }
    }

    @Test
    void typesWithoutARouteTakeTheDefaultRouteAndTheRecipeNeverTakesBackItsOwnOutput(Evbus evbus) throws Exception {
        try (WebhookServer server = new WebhookServer()) {
            setUp(evbus, server);
            EvbusProcess republished = evbus.consumeReady("raw", "-p", "type=events.processed", "--max-events", "2");
            EvbusProcess consumer = evbus.consumeReady(KEY, "-p", "webhook=" + server.hookUrl(), "--max-events", "3");
            evbus.publishLines(List.of(business("shipment.created", "s-1"), business("odd.thing", "o-1")));
            assertEquals(0, republished.awaitExit(), republished.describe());
            // Both outputs are on the bus now; a key that took events.* back would see them next.
            evbus.publishLines(List.of(business("odd.last", "o-2")));
            assertEquals(0, consumer.awaitExit(), consumer.describe());

            List<JsonNode> out = consumer.stdoutJson();
            assertEquals(List.of("s-1", "o-1", "o-2"), out.stream().map(event -> event.path("id").asText()).toList(),
                    consumer.describe());
            for (JsonNode event : out) {
                assertEquals("unknown", event.at("/metadata/handler").asText(), event.toString());
            }
            assertEquals(List.of("s-1", "o-1", "o-2"),
                    server.accepted().stream().map(body -> body.path("id").asText()).toList());
        }
    }

    @Test
    void oneLetterIsReplayedOrPurgedByItsEventOrLetterIdWhileALetterThatCanNeverPassStays(Evbus evbus) throws Exception {
        try (WebhookServer server = new WebhookServer()) {
            setUp(evbus, server);
            server.failAlways();
            EvbusProcess consumer = evbus.consumeReady(KEY, "-p", "webhook=" + server.hookUrl(), "-p", "attempts=1",
                    "--max-events", "1");
            // evt-4 fails validation (it never will pass) and prints nothing; evt-2 fails at the webhook
            // (it can pass later) and is the one line --max-events counts.
            evbus.publishLines(List.of(sourceEvents(evbus).get(3), sourceEvents(evbus).get(1)));
            assertEquals(0, consumer.awaitExit(), consumer.describe());
            assertEquals(2, Evbus.parse(String.join("\n", evbus.run("dlq", "list", "--json").stdout())).size());

            server.recover();
            CommandResult byEvent = evbus.run("dlq", "replay", "evt-2");
            assertEquals(0, byEvent.exitCode(), "every letter asked for was delivered: " + byEvent);
            assertEquals("replayed 1: delivered 1, failed 0", byEvent.stderr().getLast(), byEvent.toString());
            assertEquals(List.of("evt-2"), server.accepted().stream().map(body -> body.path("id").asText()).toList());

            JsonNode left = Evbus.parse(String.join("\n", evbus.run("dlq", "list", "--json").stdout()));
            assertEquals(1, left.size(), left.toString());
            String validation = left.get(0).path("id").asText();
            CommandResult whole = evbus.run("dlq", "replay", KEY);
            assertEquals(1, whole.exitCode(), whole.toString());
            assertTrue(whole.stderr().stream().anyMatch(line -> line.startsWith("evbus: " + validation + " failed again and stays")
                    && line.contains("data.user_id")), "which letter stays and why: " + whole);

            CommandResult purge = evbus.run("dlq", "purge", validation);
            assertEquals(0, purge.exitCode(), purge.toString());
            assertEquals(List.of("removed 1 dead letter(s)"), purge.stdout());
            assertEquals(0, Evbus.parse(String.join("\n", evbus.run("dlq", "list", "--json").stdout())).size());
        }
    }

    private static String business(String type, String id) {
        return "{\"event_type\":\"" + type + "\",\"event_id\":\"" + id + "\",\"payload\":{\"id\":\"" + id
                + "\",\"type\":\"" + type + "\",\"source\":\"test\",\"timestamp\":1767225600000,\"data\":{}}}";
    }

    @Test
    void aWebhookThatAlwaysFailsDeadLettersTheEventAndAReplayAfterItRecoversDeliversItOnce(Evbus evbus) throws Exception {
        try (WebhookServer server = new WebhookServer()) {
            setUp(evbus, server);
            server.failAlways();
            EvbusProcess consumer = evbus.consumeReady(KEY, "-p", "webhook=" + server.hookUrl(), "-p", "attempts=3",
                    "-p", "backoff=10ms", "--max-events", "1");
            evbus.publishLines(List.of(sourceEvents(evbus).get(1)));
            assertEquals(0, consumer.awaitExit(), consumer.describe());
            assertTrue(consumer.exitedLine().contains("dead-lettered 1"), consumer.exitedLine());
            assertEquals(3, server.deliveries().size(), "three attempts, all refused");

            JsonNode letters = Evbus.parse(String.join("\n", evbus.run("dlq", "list", "--json").stdout()));
            assertEquals(1, letters.size(), letters.toString());
            JsonNode letter = letters.get(0);
            assertEquals(KEY, letter.path("key").asText());
            assertEquals(3, letter.path("retry_count").asInt(), letter.toString());
            assertTrue(letter.path("dlq_reason").asText().contains("503"), letter.toString());
            String shown = String.join("\n", evbus.run("dlq", "show", letter.path("id").asText()).stdout());
            assertTrue(shown.contains("\"evt-2\""), shown);

            CommandResult stillFailing = evbus.run("dlq", "replay", KEY);
            assertEquals(1, stillFailing.exitCode(), stillFailing.toString());
            JsonNode kept = Evbus.parse(String.join("\n", evbus.run("dlq", "list", "--json").stdout())).get(0);
            assertTrue(kept.path("retry_count").asInt() > 3, "a failed replay raises the retry count: " + kept);

            server.recover();
            CommandResult replayed = evbus.run("dlq", "replay", KEY);
            assertEquals(0, replayed.exitCode(), replayed.toString());
            assertEquals(1, server.accepted().size(), "delivered exactly once");
            assertEquals("evt-2", server.accepted().get(0).path("id").asText());
            assertEquals(0, Evbus.parse(String.join("\n", evbus.run("dlq", "list", "--json").stdout())).size(),
                    "a delivered dead letter is removed");
        }
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
