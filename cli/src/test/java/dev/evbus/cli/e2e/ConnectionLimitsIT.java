package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.evbus.testkit.CommandResult;
import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.EvbusProcess;
import dev.evbus.testkit.Poll;
import dev.evbus.testkit.RawConsumer;
import dev.evbus.testkit.Signals;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * No client can kill the bus by connecting: connections cost no thread until their peer is known,
 * and past {@code limits.max_connections} they are told why and closed. Before, some 780
 * connections that sent nothing ended the bus with an OutOfMemoryError, and every consumer with it.
 */
@ExtendWith(EvbusExtension.class)
class ConnectionLimitsIT {
    private static final int SILENT = 1_000;

    private static Path socket(Evbus evbus) {
        return evbus.appDir().resolve("bus.sock");
    }

    @Test
    void aThousandConnectionsThatSendNothingNeitherKillTheBusNorCostItAThreadEach(Evbus evbus) throws Exception {
        EvbusProcess consumer = evbus.consumeReady("raw");
        ProcessProbe bus = new ProcessProbe(evbus.busPid());
        ProcessProbe.Reading before = bus.read();
        List<RawBusConnection> silent = new ArrayList<>();
        try {
            for (int i = 0; i < SILENT; i++) {
                silent.add(RawBusConnection.open(socket(evbus)));
            }
            Poll.until(Poll.PATIENCE, "the bus to hold the silent connections", () -> bus.read().descriptors()
                    >= before.descriptors() + SILENT / 2);
            ProcessProbe.Reading flooded = bus.read();
            Soak.figures("connections", "silent=" + SILENT, "threads_before=" + before.threads(),
                    "threads_flooded=" + flooded.threads(), "rss_before_mib=" + (int) before.residentMiB(),
                    "rss_flooded_mib=" + (int) flooded.residentMiB());
            // a thread per connection would add hundreds; the bus's own (GC, compiler, carriers) may vary a little
            assertTrue(flooded.threads() < before.threads() + 50, before + " → " + flooded);

            evbus.publish("during.flood", "d-1", "{}");
            consumer.awaitStdoutContaining("\"event_id\":\"d-1\"");
        } finally {
            for (RawBusConnection connection : silent) {
                connection.close();
            }
        }
        evbus.publish("after.flood", "a-1", "{}");
        consumer.awaitStdoutContaining("\"event_id\":\"a-1\"");
        assertTrue(consumer.isAlive(), consumer.describe());
        assertTrue(evbus.busLogLines().stream().noneMatch(line -> line.contains("OutOfMemoryError")));
    }

    @Test
    void connectionsPastTheLimitGetAnErrorNamingItAndTheAttachedConsumerKeepsReceiving(Evbus evbus) throws Exception {
        int limit = 20;
        Path config = evbus.writeAppConfig("{\"limits\":{\"max_connections\":" + limit + "}}");
        EvbusProcess consumer = evbus.consumeReady("raw");
        List<RawBusConnection> connections = new ArrayList<>();
        int refused = 0;
        try {
            for (int i = 0; i < 2 * limit; i++) {
                connections.add(RawBusConnection.open(socket(evbus)));
            }
            String expected = "{\"type\":\"error\",\"message\":\"the bus serves at most " + limit
                    + " connections and all are in use (limits.max_connections in " + config + ")\"}";
            for (RawBusConnection connection : connections) {
                // within the limit: closed after the 5 s first-frame deadline, told nothing; past it: told why
                String answer = connection.readUntilClosed(Poll.PATIENCE).trim();
                if (!answer.isEmpty()) {
                    assertEquals(expected, answer);
                    refused++;
                }
            }
        } finally {
            for (RawBusConnection connection : connections) {
                connection.close();
            }
        }
        // the consumer holds one place, so at least limit + 1 of the 2 × limit were past it
        assertTrue(refused >= limit - 1 && refused <= limit + 1, "refused " + refused);
        assertTrue(evbus.busLogLines().stream().anyMatch(line -> line.contains("refused connection")
                && line.contains("connections are open, the most this bus serves (limits.max_connections in " + config)));
        evbus.publish("after.limit", "l-1", "{}");
        consumer.awaitStdoutContaining("\"event_id\":\"l-1\"");
    }

    @Test
    void anUnusableLimitStopsTheBusFromStartingWithOneClearLine(Evbus evbus) {
        evbus.writeAppConfig("{\"limits\":{\"max_connections\":0}}");
        CommandResult result = evbus.run("consume", "raw", "--timeout", "5s");
        assertTrue(result.exitCode() != 0, result.toString());
        assertTrue(evbus.busLogLines().stream().anyMatch(line -> line.contains("not starting: ")
                && line.contains("limits.max_connections must be a whole number from 1 to")), evbus.busLogLines().toString());
    }

    @Test
    void bigEventsWhileOneConsumerIsStoppedLeaveTheBusAndTheOtherConsumerWhole(Evbus evbus) throws Exception {
        // 160 events of 900 KB, 144 MB in all, over a 64 MB log: before, the bus ran out of heap
        EvbusProcess stopped = evbus.consumeReady("raw");
        try (RawConsumer running = RawConsumer.attach(socket(evbus), "raw", "raw-other", 4242)) {
            Signals.send("STOP", stopped.pid());
            try {
                String blob = "x".repeat(900 * 1024);
                List<String> lines = new ArrayList<>();
                for (int i = 0; i < 160; i++) {
                    lines.add("{\"event_type\":\"big.blob\",\"event_id\":\"b-" + i + "\",\"payload\":{\"blob\":\"" + blob + "\"}}");
                }
                evbus.publishLines(lines);
                Poll.until(Duration.ofSeconds(120), "the running consumer to receive all 160", () -> running.received() >= 160,
                        () -> "received " + running.received());
                assertEquals(160, running.received());
                assertNull(running.problem());
                assertTrue(new ProcessProbe(evbus.busPid()).read().threads() > 0, "the bus lives");
            } finally {
                stopped.kill(); // resumed, it would print up to 64 MB of what it missed into this JVM
            }
            evbus.publish("after.big", "s-1", "{}");
            Poll.until(Poll.PATIENCE, "the running consumer to receive one more", () -> running.received() == 161);
        }
        assertTrue(evbus.busLogLines().stream().noneMatch(line -> line.contains("OutOfMemoryError")));
    }
}
