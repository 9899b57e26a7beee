package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.testkit.CommandResult;
import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.EvbusProcess;
import dev.evbus.testkit.Poll;
import dev.evbus.testkit.Signals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** When a bus ends: by itself once idle, on {@code stop} when nobody is attached, or forced. */
@ExtendWith(EvbusExtension.class)
class BusLifecycleIT {

    @Test
    void busExitsByItselfOnceItsLastConsumerLeftForTheIdleTimeout(Evbus evbus) {
        evbus.env("EVBUS_IDLE_TIMEOUT", "1s");
        EvbusProcess consumer = evbus.consumeReady("raw");
        long busPid = evbus.busPid();
        consumer.closeStdin();
        assertEquals(0, consumer.awaitExit(), consumer.describe());

        JsonNode[] last = new JsonNode[1];
        Poll.until(Duration.ofSeconds(10), "status to show the idle bus gone", () -> {
            last[0] = evbus.status();
            return last[0].path("state").asText().equals("not_running");
        }, () -> String.valueOf(last[0]));
        Evbus.awaitProcessExit(busPid);
        assertFalse(Files.exists(evbus.appDir().resolve("bus.sock")), "an idle exit removes the socket");
        assertFalse(Files.exists(evbus.appDir().resolve("bus.pid")), "an idle exit removes the pid file");
        assertTrue(evbus.busLogLines().stream().anyMatch(line -> line.contains("stopping: idle for 1000 ms")),
                String.join("\n", evbus.busLogLines()));
    }

    @Test
    void stopRefusesWhileAConsumerIsAttachedAndForceStopsTheBusAnyway(Evbus evbus) {
        EvbusProcess consumer = evbus.consumeReady("raw");
        long busPid = evbus.busPid();

        CommandResult refused = evbus.run("stop");
        assertEquals(2, refused.exitCode(), refused.toString());
        assertEquals(1, refused.stderr().size(), refused.toString());
        assertTrue(refused.stderr().get(0).startsWith("evbus: "), refused.toString());
        assertTrue(refused.stderr().get(0).contains("pid " + consumer.pid()), "names the attached consumer: " + refused);
        assertTrue(consumer.isAlive(), consumer.describe());
        assertTrue(ProcessHandle.of(busPid).map(ProcessHandle::isAlive).orElse(false), "a refused stop leaves the bus running");

        CommandResult forced = evbus.run("stop", "--force", "--json");
        assertEquals(0, forced.exitCode(), forced.toString());
        JsonNode result = Evbus.parse(forced.stdoutText()).path("results").get(0);
        assertEquals("stopped", result.path("result").asText(), forced.toString());
        assertEquals(busPid, result.path("pid").asLong(), forced.toString());
        assertEquals(1, result.path("consumers").asInt(), forced.toString());

        assertEquals(1, consumer.awaitExit(), consumer.describe());
        assertTrue(consumer.stderr().stream().anyMatch(line -> line.startsWith("evbus: lost the connection to the bus")),
                consumer.describe());
        assertTrue(consumer.exitedLine().endsWith("(reason: bus_lost)"), consumer.exitedLine());
        assertEquals("not_running", evbus.status().path("state").asText());
    }

    @Test
    void statusFailOnOrphanExitsZeroWhileTheBusIsHealthy(Evbus evbus) {
        EvbusProcess consumer = evbus.consumeReady("raw");
        CommandResult result = evbus.run("status", "--fail-on-orphan");
        assertEquals(0, result.exitCode(), result.toString());
        long busPid = evbus.busPid();
        assertTrue(result.stdout().get(0).startsWith("app default: running (pid " + busPid + ", "), result.toString());
        assertTrue(result.stdout().stream().anyMatch(line -> line.trim().startsWith("consumer pid " + consumer.pid() + " key raw")),
                result.toString());
    }

    @Test
    void aBusThatHoldsItsLockButDoesNotAnswerIsAnOrphanThatOnlyForceKills(Evbus evbus) {
        evbus.consumeReady("raw");
        long busPid = evbus.busPid();
        Signals.send("STOP", busPid); // alive, lock held, but deaf
        CommandResult status = evbus.run("status", "--json", "--fail-on-orphan");
        assertEquals(1, status.exitCode(), status.toString());
        JsonNode bus = Evbus.parse(status.stdoutText()).path("buses").get(0);
        assertEquals("orphan", bus.path("state").asText(), status.toString());
        assertEquals(busPid, bus.path("pid").asLong(), status.toString());

        CommandResult refused = evbus.run("stop");
        assertEquals(2, refused.exitCode(), refused.toString());
        assertTrue(refused.stderrText().contains("--force"), refused.toString());

        CommandResult killed = evbus.run("stop", "--force", "--json");
        assertEquals(0, killed.exitCode(), killed.toString());
        assertEquals("killed", Evbus.parse(killed.stdoutText()).path("results").get(0).path("result").asText(), killed.toString());
        Evbus.awaitProcessExit(busPid);
        assertEquals("not_running", evbus.status().path("state").asText());
    }

    @Test
    void theBusItselfRefusesAnUnforcedShutdownWhileAConsumerIsAttached(Evbus evbus) throws IOException {
        EvbusProcess consumer = evbus.consumeReady("raw");
        long busPid = evbus.busPid();
        // What `stop` sends once a status read found nobody attached: a consumer may have attached since.
        try (RawBusConnection connection = RawBusConnection.open(evbus.appDir().resolve("bus.sock"))) {
            connection.send("{\"type\":\"shutdown\"}\n");
            String answer = connection.readUntilClosed(Poll.PATIENCE).trim();
            JsonNode ack = Evbus.parse(answer);
            assertEquals("shutdown_ack", ack.path("type").asText(), answer);
            assertFalse(ack.path("stopping").asBoolean(), answer);
            assertEquals(consumer.pid(), ack.path("consumers").get(0).asLong(), answer);
        }
        assertTrue(consumer.isAlive(), consumer.describe());
        JsonNode status = evbus.status();
        assertEquals("running", status.path("state").asText(), status.toString());
        assertEquals(busPid, status.path("pid").asLong(), status.toString());
        assertEquals(1, status.path("consumers").size(), status.toString());
    }

    @Test
    void stopForceKillsOnlyTheProcessHoldingTheAliveLockNotAPidReusedFromBusPid(Evbus evbus) throws IOException {
        evbus.consumeReady("raw");
        long busPid = evbus.busPid();
        Path pidFile = evbus.appDir().resolve("bus.pid");
        List<String> busPidLines = Files.readAllLines(pidFile);
        EvbusProcess stranger = evbus.shell("exec sleep 600");
        Signals.send("STOP", busPid); // an orphan: holds the lock, does not answer
        Files.writeString(pidFile, stranger.pid() + "\n" + busPidLines.get(1) + "\n"); // as if the bus's pid were reused

        CommandResult refused = evbus.run("stop", "--force", "--json");
        assertEquals(2, refused.exitCode(), refused.toString());
        JsonNode result = Evbus.parse(refused.stdoutText()).path("results").get(0);
        assertEquals("refused", result.path("result").asText(), refused.toString());
        assertTrue(result.path("message").asText().contains("not the bus"), refused.toString());
        assertTrue(stranger.isAlive(), "a process that is not the bus was killed");
        assertTrue(ProcessHandle.of(busPid).map(ProcessHandle::isAlive).orElse(false), "the bus");

        Files.write(pidFile, busPidLines);
        CommandResult killed = evbus.run("stop", "--force", "--json");
        assertEquals(0, killed.exitCode(), killed.toString());
        assertEquals("killed", Evbus.parse(killed.stdoutText()).path("results").get(0).path("result").asText(), killed.toString());
        Evbus.awaitProcessExit(busPid);
        assertTrue(stranger.isAlive(), "a process that is not the bus was killed");
    }
}
