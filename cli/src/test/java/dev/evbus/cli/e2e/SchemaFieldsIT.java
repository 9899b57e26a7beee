package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.testkit.CommandResult;
import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.EvbusProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** `evbus schema raw` against real `consume raw` lines: the same fields, none missing, none extra. */
@ExtendWith(EvbusExtension.class)
class SchemaFieldsIT {

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void schemaOfRawListsExactlyTheFieldsRealOutputLinesCarryAndRequiresThoseEveryLineHas(Evbus evbus) {
        CommandResult result = evbus.run("schema", "raw");
        assertEquals(0, result.exitCode(), result.toString());
        JsonNode schema = Evbus.parse(result.stdoutText());
        Set<String> properties = names(schema.path("properties"));
        List<String> required = schema.path("required").valueStream().map(JsonNode::asText).toList();

        evbus.consumeReady("raw");
        // one event with an id, one without: event_id is the field a line may lack
        evbus.publishLines(List.of("{\"event_type\":\"schema.check\",\"event_id\":\"s-1\",\"payload\":{\"a\":1}}",
                "{\"event_type\":\"schema.check\",\"payload\":[]}"));
        List<JsonNode> lines = new ArrayList<>();
        // the copied-frame path, and the decoding path a --jq takes ('.' leaves the line as it is)
        for (List<String> extra : List.of(List.<String>of(), List.of("--jq", "."))) {
            List<String> args = new ArrayList<>(List.of("raw", "--since", "all", "--max-events", "2"));
            args.addAll(extra);
            EvbusProcess consume = evbus.consume(args.toArray(String[]::new));
            assertEquals(0, consume.awaitExit(), consume.describe());
            assertEquals(2, consume.stdoutJson().size(), consume.describe());
            lines.addAll(consume.stdoutJson());
        }
        Set<String> seen = new TreeSet<>();
        for (JsonNode line : lines) {
            seen.addAll(names(line));
            assertTrue(names(line).containsAll(required), "required " + required + " but a line has only " + line);
        }
        assertEquals(properties, seen, "the schema's properties are the fields output lines carry: " + lines);
        assertTrue(properties.contains("offset"), schema.toString());
    }
}
