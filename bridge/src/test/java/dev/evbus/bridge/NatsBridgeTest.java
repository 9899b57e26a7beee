package dev.evbus.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.evbus.testkit.NatsServerProcess;
import dev.evbus.testkit.Poll;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NatsBridgeTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);
    @TempDir
    Path dir;
    private NatsServerProcess server;

    @BeforeEach
    void startServer() throws Exception {
        server = NatsServerProcess.started(dir);
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }

    @Test
    void anEventFromAReachesBOnceWithItsHeadersAndNeverComesBackToA() throws Exception {
        try (Host a = new Host("host-a", List.of(server.url()), 1); Host b = new Host("host-b", List.of(server.url()), 1)) {
            a.log.append("order.created", "evt-1");
            Poll.until(LIMIT, () -> b.ingest.size() == 1, b::toString);
            RecordingIngest.Accepted got = b.ingest.accepted().getFirst();
            assertEquals(new RecordingIngest.Accepted("order.created", "evt-1", "1700000000000", "{\"n\":0,\"id\":\"evt-1\"}"), got);
            // B's marker enters the stream after A's event, so once A has it A has passed its own event too.
            b.log.append("marker", "marker-1");
            Poll.until(LIMIT, () -> a.ingest.size() == 1, a::toString);
            assertEquals(List.of("marker-1"), a.ingest.ids());
            Poll.until(LIMIT, () -> a.bridge.report().backlog() == 0 && a.bridge.report().sent() == 1, a::toString);
            assertEquals(1, b.bridge.report().received());
            assertEquals(BridgeState.CONNECTED, a.bridge.report().state());
        }
    }

    @Test
    void anEventWithoutIdIsNamedByNodeBusStartAndOffset() throws Exception {
        try (Host a = new Host("host-a", List.of(server.url()), 1); Host b = new Host("host-b", List.of(server.url()), 1)) {
            a.log.append("order.created", null);
            Poll.until(LIMIT, () -> b.ingest.size() == 1, b::toString);
            assertTrue(b.ingest.ids().getFirst().matches("host-a-\\d{13}-0"), b.ingest.ids().toString());
        }
    }

    @Test
    void tenThousandEventsFromBothHostsAtOnceArriveAtTheOtherOnceEachInOrder() throws Exception {
        int count = 10_000;
        try (Host a = new Host("host-a", List.of(server.url()), 1); Host b = new Host("host-b", List.of(server.url()), 1)) {
            Thread onA = Thread.ofPlatform().start(() -> a.publish(0, count));
            Thread onB = Thread.ofPlatform().start(() -> b.publish(0, count));
            onA.join();
            onB.join();
            Poll.until(Duration.ofSeconds(45), () -> a.ingest.size() >= count && b.ingest.size() >= count, () -> a + " / " + b);
            assertEquals(Host.ids("host-b", 0, count), a.ingest.ids());
            assertEquals(Host.ids("host-a", 0, count), b.ingest.ids());
            Poll.until(LIMIT, () -> a.bridge.report().backlog() == 0 && b.bridge.report().backlog() == 0, () -> a + " / " + b);
            assertEquals(count, a.bridge.report().sent());
            assertEquals(count, b.bridge.report().received());
            assertEquals(0, a.ingest.duplicates() + b.ingest.duplicates());
        }
    }

    @Test
    void onlyTheConfiguredTypesGoOutAndComeIn() throws Exception {
        // Host a exports nothing but "order.*"; an unexportable type is counted and warned about once.
        try (Host b = new Host("host-b", List.of(server.url()), 1)) {
            ListLog log = new ListLog();
            RecordingIngest ingest = new RecordingIngest();
            List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
            NatsBridgeConfig config = new NatsBridgeConfig(List.of(server.url()), "host-a", "EVBUS_TEST", "evbus.test",
                    NatsAuth.NONE, 1, Duration.ofMinutes(2), Duration.ofHours(1), 256L << 20, List.of("order.*"),
                    List.of("invoice.*"), 16);
            try (NatsBridge a = new NatsBridge(config, new BridgeContext("test", log, ingest, line -> { }, warnings::add,
                    dev.evbus.event.TimeSource.system()))) {
                a.start();
                log.append("audit.read", "x-1");
                log.append("order. bad", "x-2");
                log.append("order. bad", "x-3");
                log.append("order.created", "x-4");
                Poll.until(LIMIT, () -> b.ingest.size() == 1, b::toString);
                assertEquals(List.of("x-4"), b.ingest.ids());
                assertEquals(2, a.report().errors());
                assertEquals(1, warnings.stream().filter(w -> w.contains("\"order. bad\"")).count(), warnings.toString());
                b.log.append("order.created", "y-1");
                b.log.append("invoice.paid", "y-2");
                Poll.until(LIMIT, () -> ingest.size() == 1, () -> a.report().toString());
                assertEquals(List.of("y-2"), ingest.ids());
            }
        }
    }
}
