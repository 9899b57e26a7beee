package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.EvbusProcess;
import dev.evbus.testkit.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code evbus serve} started while a consumer's bus is still starting. The consumer forked that
 * bus because none ran; had serve started a bus of its own meanwhile, the consumer would attach to
 * serve's and leave its fork starting, to become the app's bus the moment serve's stopped.
 */
@ExtendWith(EvbusExtension.class)
class ServeStartRaceIT {
    private static final String STARTED = "serving in the foreground (no idle exit)";
    private static final String ADOPTED = "adopted, it no longer idles out";

    @Test
    void serveWaitsForABusAConsumerIsStartingAdoptsItAndLeavesNothingRunningOnceStopped(Evbus evbus) throws IOException {
        // The consumer's bus stops at the very start of its JVM until the gate file is removed:
        // before it has tried the app's lock. A real ordering, not a guess at how long a start takes.
        Path gate = evbus.workDir().resolve("bus-start.gate");
        evbus.env("EVBUS_BUS_JAVA_OPTS", "-XX:+UnlockDiagnosticVMOptions -XX:+PauseAtStartup -XX:PauseAtStartupFile=" + gate);
        EvbusProcess consumer = evbus.start("consume", "raw");
        try {
            serveStartedMeanwhile(evbus, consumer, gate);
        } finally {
            Files.deleteIfExists(gate); // never leave a paused JVM behind, whatever failed
        }
    }

    private static void serveStartedMeanwhile(Evbus evbus, EvbusProcess consumer, Path gate) throws IOException {
        Poll.until(Poll.PATIENCE, "the consumer's bus to pause at its start (" + gate + ")", () -> Files.exists(gate),
                consumer::describe);

        evbus.env("EVBUS_BUS_JAVA_OPTS", "");
        EvbusProcess serve = evbus.start("serve");
        Path forkLock = evbus.appDir().resolve("bus.fork.lock");
        Poll.until(Poll.PATIENCE, "serve to wait for the fork lock or to start a bus",
                () -> waitsForLock(serve.pid(), forkLock) || serve.stderr().stream().anyMatch(l -> l.contains(STARTED)),
                serve::describe);
        assertFalse(serve.stderr().stream().anyMatch(l -> l.contains(STARTED)),
                "serve started a bus of its own while a consumer's bus was starting:\n" + serve.describe());

        Files.delete(gate);
        serve.awaitStderrContaining(ADOPTED);
        consumer.awaitReady();
        JsonNode status = evbus.awaitConsumers(1);
        long busPid = status.path("pid").asLong();
        assertEquals(consumer.pid(), ProcessHandle.of(busPid).flatMap(ProcessHandle::parent).map(ProcessHandle::pid).orElse(-1L),
                "the served bus is the one the consumer forked");

        serve.terminate();
        assertEquals(0, serve.awaitExit(), serve.describe());
        assertEquals(1, consumer.awaitExit(), consumer.describe());
        assertTrue(consumer.exitedLine().contains("reason: bus_lost"), consumer.exitedLine());
        assertEquals("not_running", evbus.status().path("state").asText());
        assertEquals(1, evbus.busLogLines().stream().filter(line -> line.contains(" INFO bus ") && line.contains(" started: pid "))
                .count(), "one bus started for the app in all:\n" + String.join("\n", evbus.busLogLines()));
    }

    /** Whether {@code pid} is blocked on the lock of {@code file}: a waiter's line in {@code /proc/locks}. */
    private static boolean waitsForLock(long pid, Path file) {
        try {
            if (!Files.exists(file)) {
                return false;
            }
            String inode = ":" + Files.getAttribute(file, "unix:ino");
            // "12: -> POSIX  ADVISORY  WRITE 4242 08:01:1234567 0 EOF": a process waiting for a lock held by the line above
            return Files.readAllLines(Path.of("/proc/locks")).stream()
                    .map(line -> Arrays.asList(line.trim().split("\\s+")))
                    .anyMatch(fields -> fields.size() >= 7 && fields.get(1).equals("->")
                            && fields.get(5).equals(String.valueOf(pid)) && fields.get(6).endsWith(inode));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
