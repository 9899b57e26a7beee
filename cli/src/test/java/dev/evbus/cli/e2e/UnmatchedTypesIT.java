package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.EvbusProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A published type that no attached consumer selects does not vanish without a trace: the bus
 * counts it per type, and {@code status} shows the counts, as NATS counts messages without interest.
 */
@ExtendWith(EvbusExtension.class)
class UnmatchedTypesIT {

    @Test
    void typesNoAttachedConsumerSelectsAreCountedPerTypeInStatus(Evbus evbus) {
        EvbusProcess orders = evbus.consumeReady("raw", "-p", "type=order.*", "--max-events", "1");
        evbus.publish("odd.thing", "o-1", "{}");
        evbus.publish("odd.thing", "o-2", "{}");
        evbus.publish("shipment.created", "s-1", "{}");
        evbus.publish("order.placed", "p-1", "{}");
        assertEquals(0, orders.awaitExit(), orders.describe());

        JsonNode unmatched = evbus.status().path("unmatched_types");
        assertEquals(2, unmatched.path("odd.thing").asLong(), unmatched.toString());
        assertEquals(1, unmatched.path("shipment.created").asLong(), unmatched.toString());
        assertTrue(unmatched.path("order.placed").isMissingNode(), "a consumer selected order.placed: " + unmatched);

        List<String> text = evbus.run("status").stdout();
        assertTrue(text.stream().anyMatch(line -> line.contains("unmatched") && line.contains("\"odd.thing\" 2")
                && line.contains("\"shipment.created\" 1")), String.join("\n", text));
    }

    @Test
    void anExclusionInAKeysTypesLeavesTheExcludedTypeUnmatched(Evbus evbus) throws IOException {
        Path keys = Files.createDirectories(evbus.home().resolve("keys"));
        Files.writeString(keys.resolve("everything-but-audit.yaml"), """
                key: everything.but.audit
                event_types: ["*", "!audit.*"]
                """);
        EvbusProcess selective = evbus.consumeReady("everything.but.audit", "--max-events", "1");
        evbus.publish("audit.login", "a-1", "{\"from\":\"audit\"}");
        evbus.publish("user.created", "u-1", "{\"from\":\"user\"}");
        assertEquals(0, selective.awaitExit(), selective.describe());
        assertEquals(List.of("user"), selective.stdoutJson().stream().map(event -> event.path("from").asText()).toList(),
                "a key's output is the payload; the excluded audit.login came first and was not taken");
        assertEquals(1, evbus.status().path("unmatched_types").path("audit.login").asLong());
    }
}
