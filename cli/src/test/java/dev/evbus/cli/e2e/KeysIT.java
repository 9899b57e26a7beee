package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.testkit.CommandResult;
import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.EvbusProcess;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Keys from a plugin jar: listed, described, and their hooks shaping what a consumer prints. */
@ExtendWith(EvbusExtension.class)
class KeysIT {

    @Test
    void processHookShapesTheOutputAndMatchHookDropsSkippedEvents(Evbus evbus) throws IOException {
        PluginJar.install(evbus);
        EvbusProcess consumer = evbus.consumeReady("doubler", "--max-events", "2");
        evbus.publishLines(List.of(
                "{\"event_type\":\"calc.add\",\"payload\":{\"n\":1}}",
                "{\"event_type\":\"calc.add\",\"payload\":{\"n\":2,\"skip\":true}}",
                "{\"event_type\":\"calc.add\",\"payload\":{\"n\":3}}"));
        assertEquals(0, consumer.awaitExit(), consumer.describe());
        assertEquals(List.of("{\"doubled\":2}", "{\"doubled\":6}"), consumer.stdout());
    }

    @Test
    void aKeyWithSeveralWorkersProcessesEveryEventOnceAndCommitsItsCursorAfterAll(Evbus evbus) throws IOException {
        PluginJar.install(evbus);
        evbus.consumeReady("raw", "-p", "type=idle.*"); // keeps the bus, and its cursors, alive after the tripler leaves
        EvbusProcess consumer = evbus.consumeReady("tripler", "--max-events", "300", "--durable", "calc");
        List<String> lines = new java.util.ArrayList<>();
        for (int n = 1; n <= 300; n++) {
            lines.add("{\"event_type\":\"calc.add\",\"payload\":{\"n\":" + n + "}}");
        }
        evbus.publishLines(lines);
        assertEquals(0, consumer.awaitExit(), consumer.describe());
        java.util.Set<String> expected = new java.util.HashSet<>();
        for (int n = 1; n <= 300; n++) {
            expected.add("{\"tripled\":" + 3 * n + "}");
        }
        assertEquals(300, consumer.stdout().size(), consumer.describe());
        assertEquals(expected, new java.util.HashSet<>(consumer.stdout()), "each event once, in any order");
        JsonNode cursor = Evbus.parse(evbus.run("cursors", "--json").stdoutText()).path("cursors").path(0);
        assertEquals(300, cursor.path("offset").asLong(), "the cursor covers everything the workers wrote: " + cursor);
    }

    @Test
    void listJsonIncludesThePluginKeysWithTheirParams(Evbus evbus) throws IOException {
        PluginJar.install(evbus);
        CommandResult result = evbus.run("list", "--json");
        assertEquals(0, result.exitCode(), result.toString());
        Map<String, JsonNode> keys = new HashMap<>();
        Evbus.parse(result.stdoutText()).forEach(key -> keys.put(key.path("key").asText(), key));
        assertTrue(keys.keySet().containsAll(List.of("raw", "journal", "solo", "doubler", "lobby", "tripler")), keys.keySet().toString());

        JsonNode journal = keys.get("journal");
        assertEquals("journal.*", journal.path("event_type").asText());
        JsonNode room = journal.path("params").get(0);
        assertEquals("room", room.path("name").asText(), journal.toString());
        assertTrue(room.path("required").asBoolean() && room.path("subscription_key").asBoolean(), journal.toString());
        JsonNode cleanupMs = journal.path("params").get(2);
        assertEquals("cleanup_ms", cleanupMs.path("name").asText(), journal.toString());
        assertEquals("int", cleanupMs.path("type").asText(), journal.toString());
        assertEquals("0", cleanupMs.path("default").asText(), journal.toString());
        assertTrue(keys.get("solo").path("single_consumer").asBoolean(), keys.get("solo").toString());
        assertEquals("custom", keys.get("doubler").path("schema_kind").asText(), keys.get("doubler").toString());
    }

    @Test
    void schemaOfRawDescribesTheEnvelopeWithARequiredPayload(Evbus evbus) {
        CommandResult result = evbus.run("schema", "raw");
        assertEquals(0, result.exitCode(), result.toString());
        JsonNode schema = Evbus.parse(result.stdoutText());
        List<String> required = schema.path("required").valueStream().map(JsonNode::asText).toList();
        assertTrue(required.contains("payload"), schema.toString());
        assertTrue(schema.path("properties").has("payload"), schema.toString());
        assertTrue(schema.path("properties").has("seq"), schema.toString());
    }
}
