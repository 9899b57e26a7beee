package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.testkit.CommandResult;
import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.EvbusProcess;
import dev.evbus.testkit.Poll;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bus is a retention log: a consumer that stops reading costs nobody anything, and loses
 * nothing itself unless its unread events fall off retention; then the gap warning and status say so.
 */
@ExtendWith(EvbusExtension.class)
class SlowConsumerIT {
    private static final int EVENTS = 20_000;
    private static final int BURST = 40_000;

    @Test
    void stoppedConsumerStaysAttachedAndAfterContinuingReceivesEveryEventInOrderWhileTheOtherReceivesAllAtOnce(Evbus evbus) {
        EvbusProcess stalled = evbus.consume("raw", "-p", "type=load.*");
        EvbusProcess normal = evbus.consume("raw", "-p", "type=load.*");
        stalled.awaitReady();
        normal.awaitReady();

        stalled.signal("STOP");
        try {
            CommandResult published = evbus.publishLines(lines("load.tick", EVENTS));
            assertEquals(List.of("accepted=" + EVENTS + " duplicates=0 rejected=0"), published.stderr());
            normal.awaitStdoutLines(EVENTS);
            assertInOrderWithoutGaps(normal.stdoutJson(), EVENTS, normal);

            // no write deadline any more: the stopped consumer is still attached, and nothing of its was dropped
            JsonNode consumers = evbus.status().path("consumers");
            assertEquals(2, consumers.size(), consumers.toString());
            assertEquals(0, consumerWithPid(consumers, stalled.pid()).path("dropped").asLong(), consumers.toString());
            assertTrue(stalled.isAlive(), stalled.describe());
        } finally {
            stalled.signal("CONT");
        }

        stalled.awaitStdoutLines(EVENTS);
        assertInOrderWithoutGaps(stalled.stdoutJson(), EVENTS, stalled);
        for (EvbusProcess consumer : List.of(normal, stalled)) {
            assertTrue(consumer.stderr().stream().noneMatch(line -> line.contains("warning")), consumer.describe());
        }
        JsonNode[] status = new JsonNode[1];
        Poll.until(Poll.PATIENCE, "status to count every event as received by both consumers", () -> {
            status[0] = evbus.status().path("consumers");
            return status[0].size() == 2 && status[0].findValues("received").stream().allMatch(r -> r.asLong() == EVENTS);
        }, () -> String.valueOf(status[0]));
        for (EvbusProcess consumer : List.of(normal, stalled)) {
            JsonNode entry = consumerWithPid(status[0], consumer.pid());
            assertEquals(0, entry.path("dropped").asLong(), status[0].toString());
            assertTrue(entry.path("drop_reason").isNull(), status[0].toString());
        }
    }

    @Test
    void stoppedConsumerBeyondASmallRetentionGetsWhatIsStillRetainedAndAGapWarningForTheRest(Evbus evbus) {
        evbus.writeAppConfig("{\"retention\":{\"max_bytes\":\"2MiB\"}}");
        EvbusProcess stalled = evbus.consumeReady("raw", "-p", "type=load.*");

        long firstRetained;
        stalled.signal("STOP");
        try {
            CommandResult published = evbus.publishLines(lines("load.tick", BURST));
            assertEquals(List.of("accepted=" + BURST + " duplicates=0 rejected=0"), published.stderr());
            JsonNode log = evbus.status().path("retention_log");
            assertEquals(2L << 20, log.path("max_bytes").asLong(), log.toString());
            assertTrue(log.path("bytes").asLong() <= 2L << 20, "the log holds more than max_bytes: " + log);
            assertEquals(BURST, log.path("last_offset").asLong(), log.toString());
            firstRetained = log.path("first_offset").asLong();
            assertTrue(firstRetained > 1, "a 2 MiB log cannot hold " + BURST + " events of ~200 bytes: " + log);
            assertEquals(BURST - firstRetained + 1, log.path("events").asLong(), log.toString());
        } finally {
            stalled.signal("CONT");
        }

        stalled.awaitStdoutContaining("\"n" + (BURST - 1) + "\"");
        // every event either reached the consumer or is counted in a gap warning
        Poll.until(Poll.PATIENCE, "the stalled consumer to account for every event",
                () -> stalled.stdoutCount() + GapWarnings.missed(stalled.stderr()) == BURST, stalled::describe);
        List<GapWarnings.Gap> gaps = GapWarnings.in(stalled.stderr());
        assertTrue(!gaps.isEmpty(), "no gap warning\n" + stalled.describe());
        long missed = GapWarnings.missed(stalled.stderr());

        List<JsonNode> received = stalled.stdoutJson();
        long previousOffset = 0;
        List<Long> offsets = new ArrayList<>();
        for (JsonNode event : received) {
            long offset = event.path("offset").asLong();
            assertTrue(offset > previousOffset, "offsets must increase: " + event);
            assertEquals("n" + (offset - 1), event.path("event_id").asText(), "the event at offset " + offset);
            previousOffset = offset;
            offsets.add(offset);
        }
        // everything still retained when the consumer went on reached it
        int tail = offsets.indexOf(firstRetained);
        assertTrue(tail >= 0, "offset " + firstRetained + ", retained when the consumer continued, never arrived\n" + stalled.describe());
        assertEquals(BURST - firstRetained + 1, offsets.size() - tail, "events after the first retained offset " + firstRetained);
        JsonNode last = received.get(received.size() - 1);
        assertEquals(BURST, last.path("seq").asLong(), "seq counts the dropped events too: " + last);

        JsonNode[] consumers = new JsonNode[1];
        Poll.until(Poll.PATIENCE, "status to count every event as received or dropped", () -> {
            consumers[0] = evbus.status().path("consumers");
            JsonNode entry = consumerWithPid(consumers[0], stalled.pid());
            return entry.path("received").asLong() + entry.path("dropped").asLong() == BURST;
        }, () -> String.valueOf(consumers[0]));
        JsonNode entry = consumerWithPid(consumers[0], stalled.pid());
        assertEquals(missed, entry.path("dropped").asLong(), consumers[0].toString());
        assertEquals("retention.max_bytes", entry.path("drop_reason").asText(), consumers[0].toString());
        assertTrue(stalled.isAlive(), stalled.describe());
    }

    /** Events n0..n(count-1) in order, seq 1..count, offsets one apart. */
    static void assertInOrderWithoutGaps(List<JsonNode> events, int count, EvbusProcess consumer) {
        assertEquals(count, events.size(), consumer.describe());
        long firstOffset = events.get(0).path("offset").asLong();
        for (int i = 0; i < count; i++) {
            JsonNode event = events.get(i);
            assertEquals("n" + i, event.path("event_id").asText(), "event " + i + " of " + consumer);
            assertEquals(i + 1, event.path("seq").asLong(), "seq of event " + i + " of " + consumer + ": " + event);
            assertEquals(firstOffset + i, event.path("offset").asLong(), "offset of event " + i + " of " + consumer + ": " + event);
        }
    }

    static List<String> lines(String type, int count) {
        List<String> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            lines.add(Feeder.line(type, "n" + i, i).stripTrailing());
        }
        return lines;
    }

    static JsonNode consumerWithPid(JsonNode consumers, long pid) {
        for (JsonNode consumer : consumers) {
            if (consumer.path("pid").asLong() == pid) {
                return consumer;
            }
        }
        throw new AssertionError("no consumer with pid " + pid + " in " + consumers);
    }
}
