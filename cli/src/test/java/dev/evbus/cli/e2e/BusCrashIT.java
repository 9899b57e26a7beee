package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.EvbusProcess;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A bus killed outright: its consumers notice and fail, and the next consumer starts a fresh bus over the stale files. */
@ExtendWith(EvbusExtension.class)
class BusCrashIT {

    @Test
    void killingTheBusFailsItsConsumersAndTheNextConsumerStartsAFreshBus(Evbus evbus) {
        EvbusProcess first = evbus.consume("raw");
        EvbusProcess second = evbus.consume("raw");
        first.awaitReady();
        second.awaitReady();
        long deadPid = evbus.busPid();

        ProcessHandle.of(deadPid).orElseThrow().destroyForcibly();
        for (EvbusProcess consumer : List.of(first, second)) {
            assertEquals(1, consumer.awaitExit(), consumer.describe());
            assertTrue(consumer.stderr().stream().anyMatch(line -> line.startsWith("evbus: lost the connection to the bus")),
                    consumer.describe());
            assertTrue(consumer.exitedLine().endsWith("(reason: bus_lost)"), consumer.exitedLine());
        }
        Evbus.awaitProcessExit(deadPid);

        assertTrue(Files.exists(evbus.appDir().resolve("bus.sock")), "a killed bus leaves its socket file");
        assertEquals(deadPid, evbus.pidFromFile().orElseThrow(), "a killed bus leaves its pid file");
        JsonNode status = evbus.status();
        assertEquals("not_running", status.path("state").asText(), status.toString());

        EvbusProcess next = evbus.consumeReady("raw");
        long freshPid = evbus.busPid();
        assertNotEquals(deadPid, freshPid);
        assertTrue(ProcessHandle.of(freshPid).map(ProcessHandle::isAlive).orElse(false), "fresh bus " + freshPid + " runs");
        JsonNode fresh = evbus.status();
        assertEquals("running", fresh.path("state").asText(), fresh.toString());
        assertEquals(freshPid, fresh.path("pid").asLong(), fresh.toString());

        evbus.publish("after.crash", "fresh-1", "{\"ok\":true}");
        next.awaitStdoutContaining("\"fresh-1\"");
        JsonNode event = next.stdoutJson().get(0);
        assertEquals("after.crash", event.path("event_type").asText());
        assertEquals(true, event.path("payload").path("ok").asBoolean());
        assertEquals(2, evbus.busLogLines().stream().filter(line -> line.contains(" started: pid ")).count());
    }
}
