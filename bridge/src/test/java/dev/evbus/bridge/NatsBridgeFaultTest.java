package dev.evbus.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.evbus.testkit.NatsServerProcess;
import dev.evbus.testkit.Poll;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NatsBridgeFaultTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);
    @TempDir
    Path dir;

    @Test
    void aServerStoppedAndRestartedOnItsStoreLosesAndRepeatsNothing() throws Exception {
        try (NatsServerProcess server = NatsServerProcess.started(dir);
                Host a = new Host("host-a", List.of(server.url()), 1);
                Host b = new Host("host-b", List.of(server.url()), 1)) {
            a.publish(0, 1000);
            Poll.until(LIMIT, () -> b.ingest.size() >= 100, b::toString);
            server.stop();
            Poll.until(LIMIT, () -> a.bridge.report().state() == BridgeState.RECONNECTING, a::toString);
            BridgeReport down = a.bridge.report();
            assertNotNull(down.lastError(), down.toString());
            assertTrue(down.lastErrorAt() > 0, down.toString());
            a.publish(1000, 1000);
            Poll.until(LIMIT, () -> a.bridge.report().backlog() >= 1000, a::toString);
            server.start();
            Poll.until(LIMIT, () -> b.ingest.size() >= 2000, b::toString);
            Poll.until(LIMIT, () -> a.bridge.report().backlog() == 0, a::toString);
            assertEquals(BridgeState.CONNECTED, a.bridge.report().state());
            assertEquals(2000, b.ingest.size(), b::toString);
            assertEquals(new HashSet<>(Host.ids("host-a", 0, 2000)), new HashSet<>(b.ingest.ids()));
            assertTrue(a.info.stream().anyMatch(line -> line.equals("bridge: nats reconnecting")), a.info.toString());
        }
    }

    @Test
    void aBridgeStartedWithoutNatsReturnsAtOnceAndSendsOnceNatsIsUp() throws Exception {
        NatsServerProcess server = new NatsServerProcess(dir.resolve("nats"), NatsServerProcess.freePort(), List.of());
        try (server; Host a = new Host("host-a", List.of(server.url()), 1); Host b = new Host("host-b", List.of(server.url()), 1)) {
            assertEquals(BridgeState.CONNECTING, a.bridge.report().state());
            a.publish(0, 50);
            Poll.until(LIMIT, () -> a.bridge.report().lastError() != null, a::toString);
            assertTrue(a.bridge.report().lastError().startsWith("cannot reach NATS at \"" + server.url() + "\""), a::toString);
            assertEquals(BridgeState.CONNECTING, a.bridge.report().state());
            Poll.until(LIMIT, () -> a.bridge.report().backlog() == 50, a::toString);
            server.start();
            Poll.until(LIMIT, () -> b.ingest.size() >= 50, b::toString);
            assertEquals(Host.ids("host-a", 0, 50), b.ingest.ids());
            Poll.until(LIMIT, () -> a.bridge.report().backlog() == 0, a::toString);
            assertEquals(BridgeState.CONNECTED, a.bridge.report().state());
        }
    }

    @Test
    void aBridgeClosedAndMadeAgainResumesFromItsCommittedCursor() throws Exception {
        try (NatsServerProcess server = NatsServerProcess.started(dir); Host b = new Host("host-b", List.of(server.url()), 1)) {
            ListLog log = new ListLog();
            try (Host a = new Host("host-a", List.of(server.url()), 1, log)) {
                a.publish(0, 500);
                Poll.until(LIMIT, () -> b.ingest.size() >= 500, b::toString);
            }
            assertEquals(499, log.cursor(), "closing commits every acknowledged event");
            try (Host again = new Host("host-a", List.of(server.url()), 1, log)) {
                again.publish(500, 500);
                Poll.until(LIMIT, () -> b.ingest.size() >= 1000, b::toString);
                Poll.until(LIMIT, () -> again.bridge.report().backlog() == 0, again::toString);
                assertEquals(500, again.bridge.report().sent(), again::toString);
            }
            assertEquals(List.of(0L, 500L), log.openedAt());
            assertEquals(Host.ids("host-a", 0, 1000), b.ingest.ids());
            assertEquals(0, b.ingest.duplicates());
            assertEquals(999, log.cursor());
        }
    }
}
