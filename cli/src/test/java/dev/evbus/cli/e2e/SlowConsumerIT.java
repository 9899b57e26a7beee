package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A consumer that stops reading costs only itself: the bus drops its oldest events and everyone else goes on. */
@ExtendWith(EvbusExtension.class)
class SlowConsumerIT {
    private static final int EVENTS = 20_000;
    private static final Pattern GAP = Pattern.compile(
            "\\[event] warning: missed (\\d+) event\\(s\\) \\(seq (\\d+) to (\\d+)\\): the bus dropped them because this consumer fell behind");

    @Test
    void stoppedConsumerLosesOldestEventsWhileANormalOneReceivesAllAndTheGapIsReported(Evbus evbus) throws IOException {
        EvbusProcess stalled = evbus.consume("raw", "-p", "type=load.*");
        EvbusProcess normal = evbus.consume("raw", "-p", "type=load.*");
        stalled.awaitReady();
        normal.awaitReady();

        // the publisher's JVM is up and connected before the stall starts: the stall must stay under the bus's 5 s write deadline
        EvbusProcess publisher = evbus.start("publish", "--stdin");
        Poll.until(Poll.PATIENCE, "the publisher to connect (2 consumers + publisher + this status query)",
                () -> evbus.status().path("active_conns").asInt() == 4);
        OutputStream in = publisher.stdin();

        stalled.signal("STOP");
        try {
            StringBuilder load = new StringBuilder();
            for (int i = 0; i < EVENTS; i++) {
                load.append(line("n" + i));
            }
            in.write(load.toString().getBytes(StandardCharsets.UTF_8));
            in.close();
            // the newest event is never the one dropped: once it is out, the bus has routed everything
            normal.awaitStdoutContaining("\"n" + (EVENTS - 1) + "\"");
        } finally {
            stalled.signal("CONT");
        }
        assertEquals(0, publisher.awaitExit(), publisher.describe());
        assertEquals(List.of("accepted=" + EVENTS + " duplicates=0 rejected=0"), publisher.stderr());

        JsonNode consumers = evbus.status().path("consumers");
        assertEquals(2, consumers.size(), consumers.toString());
        JsonNode stalledStatus = consumerWithPid(consumers, stalled.pid());
        JsonNode normalStatus = consumerWithPid(consumers, normal.pid());
        assertTrue(stalledStatus.path("dropped").asLong() > 0, consumers.toString());

        Matcher gap = GAP.matcher(stalled.awaitStderrContaining("[event] warning: missed "));
        assertTrue(gap.matches(), stalled.describe());
        long missed = Long.parseLong(gap.group(1));
        assertEquals(missed, Long.parseLong(gap.group(3)) - Long.parseLong(gap.group(2)) + 1, gap.group());
        // every event either reached the stalled consumer or is counted in a gap warning
        Poll.until(Poll.PATIENCE, "the stalled consumer to account for every event",
                () -> stalled.stdout().size() + missedIn(stalled.stderr()) == EVENTS, stalled::describe);
        assertTrue(stalled.isAlive(), stalled.describe());

        assertEquals(0, normalStatus.path("dropped").asLong(), "the normal consumer lost events: " + consumers);
        assertEquals(EVENTS, normalStatus.path("received").asLong(), consumers.toString());
        List<JsonNode> received = normal.stdoutJson();
        assertEquals(EVENTS, received.size(), normal.describe());
        for (int i = 0; i < EVENTS; i++) {
            assertEquals("n" + i, received.get(i).path("event_id").asText(), "event " + i + " of the normal consumer");
        }
        assertTrue(normal.stderr().stream().noneMatch(l -> l.contains("warning")), normal.describe());
    }

    private static JsonNode consumerWithPid(JsonNode consumers, long pid) {
        for (JsonNode consumer : consumers) {
            if (consumer.path("pid").asLong() == pid) {
                return consumer;
            }
        }
        throw new AssertionError("no consumer with pid " + pid + " in " + consumers);
    }

    private static long missedIn(List<String> stderr) {
        long missed = 0;
        for (String line : stderr) {
            Matcher gap = GAP.matcher(line);
            if (gap.matches()) {
                missed += Long.parseLong(gap.group(1));
            }
        }
        return missed;
    }

    private static String line(String id) {
        return "{\"event_type\":\"load.tick\",\"event_id\":\"" + id + "\",\"payload\":{\"pad\":\"0123456789abcdef\"}}\n";
    }
}
