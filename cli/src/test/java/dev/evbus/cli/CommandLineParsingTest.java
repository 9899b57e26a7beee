package dev.evbus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evbus.protocol.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CommandLineParsingTest {

    @Test
    void durationsAcceptGoUnitsAndPlainSeconds() {
        assertEquals(Duration.ofMillis(500), DurationParser.parse("500ms"));
        assertEquals(Duration.ofMinutes(90), DurationParser.parse("1h30m"));
        assertEquals(Duration.ofMillis(2500), DurationParser.parse("2.5"));
        assertEquals(Duration.ofSeconds(30), DurationParser.parse("30s"));
    }

    @Test
    void malformedDurationsAreRefusedWithExamples() {
        for (String bad : new String[] {"", "5 m", "10x", "m5", "1h30"}) {
            IllegalArgumentException problem = assertThrows(IllegalArgumentException.class, () -> DurationParser.parse(bad), bad);
            assertTrue(problem.getMessage().contains("examples"), problem.getMessage());
        }
    }

    @Test
    void publishLineKeepsThePayloadBytesAndTheOptionalFields() throws Exception {
        byte[] line = "{\"source_time\":1700,\"payload\":{\"b\": [1,2]},\"event_type\":\"a.b\",\"extra\":true}"
                .getBytes(StandardCharsets.UTF_8);
        Message.Publish publish = PublishLine.parse(line, 0, line.length);
        assertEquals("a.b", publish.eventType());
        assertEquals(null, publish.eventId());
        assertEquals("1700", publish.sourceTime());
        assertEquals("{\"b\": [1,2]}", new String(publish.payload(), StandardCharsets.UTF_8));
    }

    @Test
    void publishLinesThatTheBusWouldRejectAreRejectedWithAReason() {
        assertRejected("{\"payload\":1}", "event_type is missing");
        assertRejected("{\"event_type\":\"a.*\"}",
                "event_type must not contain '*' (an exact type, such as order.placed; '*' is only for subscriptions)");
        assertRejected("{\"event_type\":\"a\",\"event_id\":\"\\ud800\"}",
                "event_id holds the lone surrogate U+D800 at character 1 (it is not valid Unicode)");
        assertRejected("{\"event_type\":\"a\",\"source_time\":\"yesterday\"}", "source_time must be milliseconds since the epoch");
        assertRejected("[1]", "not a JSON object");
        assertRejected("{\"event_type\":\"a\",\"type\":\"hello\"}", "\"type\" must be left out or be \"publish\"");
    }

    private static void assertRejected(String text, String reason) {
        byte[] line = text.getBytes(StandardCharsets.UTF_8);
        PublishLine.Rejected rejected = assertThrows(PublishLine.Rejected.class, () -> PublishLine.parse(line, 0, line.length));
        assertEquals(reason, rejected.getMessage());
    }
}
