package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evbus.testkit.CommandResult;
import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.EvbusProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The pipeline fuzz: one key file routes each event by its {@code case} to a branch holding one
 * pathological jq program ({@link PathologicalJq}) as a transform or a filter. Every pathological
 * event must cost only itself (one warning each, counted as failed), the ordinary events after them
 * must all arrive in order, and the consumer must stop cleanly on SIGTERM. Seeded
 * ({@value #DEFAULT_SEED}, or {@code -Devbus.fuzz.seed=N}).
 */
@ExtendWith(EvbusExtension.class)
class JqFuzzIT {
    private static final long DEFAULT_SEED = 20261207L;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void pathologicalJqProgramsAndRegularExpressionsInAKeyFileCostOnlyTheirEvents(Evbus evbus) throws IOException {
        long seed = Long.getLong("evbus.fuzz.seed", DEFAULT_SEED);
        List<String> programs = PathologicalJq.programs(seed, Soak.size(40, 200));
        ObjectNode key = JSON.createObjectNode().put("key", "fuzz.jq");
        key.putArray("event_types").add("fuzz.*");
        key.putObject("limits").put("stage_time", "250ms");
        ObjectNode route = key.putArray("stages").addObject().putObject("route").put("by", ".case");
        ArrayNode routes = route.putArray("routes");
        for (int i = 0; i < programs.size(); i++) {
            ObjectNode stage = routes.addObject().put("type", "c" + i).putArray("stages").addObject();
            stage.putObject(i % 3 == 0 ? "filter" : "transform").put("expr", programs.get(i));
        }
        Files.writeString(Files.createDirectories(evbus.home().resolve("keys")).resolve("fuzz.json"), key.toString());
        CommandResult check = evbus.run("keys", "check", evbus.home().resolve("keys/fuzz.json").toString());
        assertEquals(0, check.exitCode(), check.toString());

        EvbusProcess consumer = evbus.consumeReady("fuzz.jq");
        List<String> ordinary = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < programs.size(); i++) {
            lines.add(event("case-" + i, "{\"case\":\"c" + i + "\",\"s\":\"" + PathologicalJq.SUBJECT + "\"}"));
            if (i % 5 == 4 || i == programs.size() - 1) {
                String id = "ordinary-" + i;
                ordinary.add("{\"case\":\"ordinary\",\"n\":" + i + "}");
                lines.add(event(id, ordinary.get(ordinary.size() - 1)));
            }
        }
        CommandResult published = evbus.publishLines(lines);
        assertEquals(0, published.exitCode(), published.toString());
        consumer.awaitStdoutLines(ordinary.size());

        assertEquals(ordinary, consumer.stdout(), "the ordinary events, all and in order, for seed " + seed);
        for (int i = 0; i < programs.size(); i++) {
            String id = "\"case-" + i + "\"";
            String warning = consumer.awaitStderrContaining(id);
            assertTrue(warning.contains("failed: jq ") && (warning.contains("stage_time") || warning.contains("stage_output")
                    || warning.contains("recursed deeper") || warning.contains("nests deeper")),
                    "program " + i + " (" + programs.get(i) + "), seed " + seed + ": " + warning);
        }
        consumer.terminate();
        assertEquals(0, consumer.awaitExit(), consumer.describe());
        assertTrue(consumer.exitedLine().endsWith("pipeline: filtered 0, failed " + programs.size()), consumer.describe());
        assertTrue(consumer.stderr().stream().noneMatch(line -> line.startsWith("\tat ") || line.contains("Error")),
                consumer.describe());
        Soak.figures("jqfuzz", "seed=" + seed, "programs=" + programs.size(), "ordinary_events=" + ordinary.size());
    }

    private static String event(String id, String payload) {
        return "{\"event_type\":\"fuzz.case\",\"event_id\":\"" + id + "\",\"payload\":" + payload + "}";
    }
}
