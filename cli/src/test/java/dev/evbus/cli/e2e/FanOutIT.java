package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.EvbusProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Many consumers, one bus: the bus starts once however many consumers race for it, and fans out every event. */
@ExtendWith(EvbusExtension.class)
class FanOutIT {
    private static final int CONSUMERS = 10;
    private static final int EVENTS = 200;

    @Test
    void tenConsumersStartedTogetherShareOneBusAndEachPrintsEveryEventOnceInPublishOrder(Evbus evbus) {
        List<EvbusProcess> consumers = IntStream.range(0, CONSUMERS).mapToObj(i -> evbus.consume("raw")).toList();
        consumers.forEach(EvbusProcess::awaitReady);

        List<String> starts = evbus.busLogLines().stream().filter(line -> line.contains(" started: pid ")).toList();
        assertEquals(1, starts.size(), "bus starts in bus.log:\n" + String.join("\n", evbus.busLogLines()));
        long pid = evbus.pidFromFile().orElseThrow();
        assertTrue(starts.get(0).contains("started: pid " + pid + ","), starts.get(0));
        JsonNode status = evbus.status();
        assertEquals("running", status.path("state").asText(), status.toString());
        assertEquals(pid, status.path("pid").asLong(), status.toString());
        assertEquals(CONSUMERS, status.path("consumers").size(), status.toString());

        List<String> lines = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            String type = i % 2 == 0 ? "order.placed" : "user.created";
            lines.add("{\"event_type\":\"" + type + "\",\"event_id\":\"e" + i + "\",\"payload\":{\"i\":" + i + "}}");
        }
        evbus.publishLines(lines);

        for (EvbusProcess consumer : consumers) {
            consumer.awaitStdoutLines(EVENTS);
            consumer.closeStdin();
        }
        for (EvbusProcess consumer : consumers) {
            assertEquals(0, consumer.awaitExit(), consumer.describe());
            List<JsonNode> events = consumer.stdoutJson();
            assertEquals(EVENTS, events.size(), consumer.describe());
            for (int i = 0; i < EVENTS; i++) {
                JsonNode event = events.get(i);
                assertEquals("e" + i, event.path("event_id").asText(), consumer.describe());
                assertEquals(i, event.path("payload").path("i").asInt(), event.toString());
                assertEquals(i + 1, event.path("seq").asLong(), "seq starts at 1 and has no gap: " + event);
            }
            assertTrue(consumer.exitedLine().contains("received " + EVENTS + " event(s)"), consumer.exitedLine());
        }
    }

    @Test
    void typeParamDeliversOnlyMatchingEventTypes(Evbus evbus) {
        EvbusProcess prefix = evbus.consumeReady("raw", "-p", "type=order.*");
        EvbusProcess exact = evbus.consumeReady("raw", "-p", "type=order.placed");
        evbus.publishLines(List.of(
                event("order.placed", "a"),
                event("order.shipped", "b"),
                event("user.created", "c"),
                event("orders.archived", "d"),
                event("order", "e"),
                event("order.placed.late", "f"),
                event("order.placed", "last")));

        prefix.awaitStdoutContaining("\"last\"");
        exact.awaitStdoutContaining("\"last\"");
        prefix.closeStdin();
        exact.closeStdin();
        assertEquals(0, prefix.awaitExit(), prefix.describe());
        assertEquals(0, exact.awaitExit(), exact.describe());
        assertEquals(List.of("a", "b", "f", "last"), prefix.eventIds(), prefix.describe());
        assertEquals(List.of("a", "last"), exact.eventIds(), exact.describe());
    }

    private static String event(String type, String id) {
        return "{\"event_type\":\"" + type + "\",\"event_id\":\"" + id + "\",\"payload\":{}}";
    }
}
