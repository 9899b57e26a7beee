package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.testkit.CommandResult;
import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.EvbusProcess;
import dev.evbus.testkit.Poll;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Pipelines the bus runs itself ({@code pipelines} in the app's config): the recipe's effects
 * happen once per event however many consumers tap its output, its progress shows in status, and
 * after a kill -9 of the served bus every event reaches the webhook at least once, the repeats
 * being only the tail that was in flight.
 */
@ExtendWith(EvbusExtension.class)
class ServedPipelineIT {
    private static final String KEY = "events.processed";

    private static void install(Evbus evbus, WebhookServer server, String params) {
        EnrichmentExampleIT.install(evbus, "mkdir -p \"$EVBUS_HOME/keys\" && cp %1$s/examples/event-processing/*.yaml \"$EVBUS_HOME/keys/\"");
        evbus.writeAppConfig("{\"retention\": {\"durable\": true}, \"api\": {\"base_url\": \"" + server.apiBaseUrl() + "\"},"
                + " \"pipelines\": [{\"name\": \"recipe\", \"key\": \"" + KEY + "\", \"params\": {\"webhook\": \""
                + server.hookUrl() + "\"" + params + "}}]}");
    }

    private static EvbusProcess serve(Evbus evbus) {
        EvbusProcess serve = evbus.start("serve");
        serve.awaitStderrContaining("pipeline recipe (key " + KEY + ") started");
        evbus.awaitConsumers(1);
        return serve;
    }

    private static JsonNode pipeline(Evbus evbus) {
        JsonNode pipelines = evbus.status().path("pipelines");
        assertEquals(1, pipelines.size(), pipelines.toString());
        return pipelines.get(0);
    }

    @Test
    void theRecipeRunsInTheBusWithItsEffectsOnceWhateverTheTapsAndStatusShowsIt(Evbus evbus) throws Exception {
        try (WebhookServer server = new WebhookServer()) {
            install(evbus, server, "");
            EvbusProcess serve = serve(evbus);
            List<EvbusProcess> taps = List.of(
                    evbus.consumeReady("raw", "-p", "type=" + KEY, "--max-events", "4"),
                    evbus.consumeReady("raw", "-p", "type=" + KEY, "--max-events", "4"));
            evbus.publishLines(EnrichmentExampleIT.readLines(evbus.root().resolve("examples/event-processing/events.ndjson")));
            for (EvbusProcess tap : taps) {
                assertEquals(0, tap.awaitExit(), tap.describe());
                assertEquals(List.of("processed-evt-1", "processed-evt-2", "processed-evt-3", "processed-evt-5"),
                        tap.eventIds().stream().sorted().toList(), tap.describe());
            }
            List<String> delivered = server.deliveries().stream().map(d -> d.body().path("id").asText()).sorted().toList();
            assertEquals(List.of("evt-1", "evt-2", "evt-3", "evt-5"), delivered, "each event once at the webhook, two taps or not");
            for (WebhookServer.Delivery delivery : server.deliveries()) {
                assertEquals(delivery.body().path("id").asText(), delivery.idempotencyKey(), "the event id as Idempotency-Key");
            }

            JsonNode[] last = new JsonNode[1];
            Poll.until(Poll.PATIENCE, "the pipeline's counts in status", () -> {
                last[0] = pipeline(evbus);
                return last[0].path("processed").asLong() == 5;
            }, () -> String.valueOf(last[0]));
            assertEquals("running", last[0].path("state").asText(), last[0].toString());
            assertEquals(1, last[0].path("dead_lettered").asLong(), "evt-4 has no data.user_id: " + last[0]);
            assertEquals(0, last[0].path("lag").asLong(), last[0].toString());
            assertTrue(last[0].path("last_error").asText().contains("data.user_id"), last[0].toString());
            List<String> text = evbus.run("status").stdout();
            assertTrue(text.stream().anyMatch(line -> line.startsWith("  pipeline recipe key " + KEY + " running")
                    && line.contains("processed 5")), String.join("\n", text));

            serve.terminate();
            assertEquals(0, serve.awaitExit(), serve.describe());
            assertEquals("not_running", evbus.status().path("state").asText(), "the pipeline's process went with the bus");
        }
    }

    @Test
    void afterAKillOfTheServedBusEveryEventReachesTheWebhookAndOnlyTheTailInFlightTwice(Evbus evbus) throws Exception {
        int count = 200;
        try (WebhookServer server = new WebhookServer()) {
            server.answerAfter(20);
            install(evbus, server, ", \"metrics_every\": \"1h\"");
            EvbusProcess serve = serve(evbus);
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                lines.add("{\"event_type\":\"order.placed\",\"event_id\":\"o-" + i + "\",\"payload\":{\"id\":\"o-" + i
                        + "\",\"type\":\"order.placed\",\"source\":\"shop\",\"timestamp\":1767225600000,\"data\":{}}}");
            }
            CommandResult published = evbus.runWithInput(String.join("\n", lines) + "\n", "publish", "--stdin", "--ack");
            assertEquals(0, published.exitCode(), published.toString());
            // Mid-stream, once the bus has saved the pipeline's cursor (it saves moved cursors every second).
            Path cursors = evbus.appDir().resolve("cursors.json");
            Poll.until(Poll.PATIENCE, "the pipeline's cursor saved", () -> savedOffset(cursors) > 0);
            assertTrue(server.deliveries().size() < count, "still mid-stream: " + server.deliveries().size());
            serve.kill();
            serve.awaitExit();
            int beforeKill = server.deliveries().size();

            EvbusProcess again = serve(evbus);
            Poll.until(Poll.PATIENCE, "every event at the webhook", () -> distinctIds(server).size() == count,
                    () -> distinctIds(server).size() + " of " + count);
            List<String> order = server.deliveries().stream().map(d -> d.body().path("id").asText()).toList();
            List<String> firstRun = order.subList(0, beforeKill);
            List<String> repeated = order.subList(beforeKill, order.size()).stream().filter(firstRun::contains).toList();
            assertEquals(firstRun.subList(firstRun.size() - repeated.size(), firstRun.size()), repeated,
                    "repeats are the first run's last deliveries (those after its last commit), in order");
            assertTrue(repeated.size() < beforeKill, "not everything again: the cursor had moved");
            again.terminate();
            assertEquals(0, again.awaitExit(), again.describe());
        }
    }

    private static long savedOffset(Path cursors) {
        if (!Files.exists(cursors)) {
            return 0;
        }
        JsonNode saved = Evbus.parse(String.join("\n", Evbus.readLines(cursors)));
        for (JsonNode cursor : saved.path("cursors")) {
            if (cursor.path("name").asText().equals("pipeline.recipe")) {
                return cursor.path("offset").asLong();
            }
        }
        return 0;
    }

    private static Set<String> distinctIds(WebhookServer server) {
        Set<String> ids = new LinkedHashSet<>();
        server.deliveries().forEach(d -> ids.add(d.body().path("id").asText()));
        return ids;
    }
}
