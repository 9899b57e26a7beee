package dev.evbus.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evbus.bridge.LocalEvent;
import dev.evbus.bridge.LocalLog;
import dev.evbus.bridge.RemoteIngest;
import dev.evbus.bus.log.LogStorage;
import dev.evbus.bus.log.RetentionLog;
import dev.evbus.config.Retention;
import dev.evbus.event.TimeSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BridgeLocalLogTest {
    private final MemoryHub bus = new MemoryHub();
    private final BusIngest local = new BusIngest(bus.hub, bus.events);
    private final RemoteIngest remote = new BridgeIngest(local);
    private final List<String> warnings = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void closeLog() {
        bus.close();
    }

    @Test
    void theBridgeReadsLocalEventsWithTheirIdTimeAndPayloadButNeverRemoteOnes() throws Exception {
        LocalLog log = new BridgeLocalLog(bus.events, BridgeCursor.open(null, bus.events.endOffset(), warnings::add));
        local.publish("order.placed", "a1", "1700000000000", bytes("{\"n\":1}"));
        assertEquals(RemoteIngest.Outcome.ACCEPTED, remote.publish("order.placed", "b1", "1700000000001", bytes("{\"n\":2}")));
        local.publish("user.created", null, "1700000000002", bytes("[3]"));
        bus.hub.intake.publish("order.placed", "a2", "1700000000003", bytes("\"four\""), false);

        try (LocalLog.Reader reader = log.open(List.of("*"))) {
            assertEquals(List.of("1 order.placed a1 1700000000000 {\"n\":1}", "3 user.created null 1700000000002 [3]",
                    "4 order.placed a2 1700000000003 \"four\""), readAll(reader));
        }
        assertEquals(5, log.endOffset(), "offsets start at 1");
    }

    @Test
    void aRemoteEventIsDedupedAgainstLocalOnesByItsId() {
        local.publish("t", "same", null, bytes("{}"));
        assertEquals(RemoteIngest.Outcome.DUPLICATE, remote.publish("t", "same", null, bytes("{}")));
        assertEquals(RemoteIngest.Outcome.ACCEPTED, remote.publish("t", "other", null, bytes("{}")));
    }

    @Test
    void aReaderResumesRightAfterTheCommittedOffsetAndOnlyOfItsTypes() throws Exception {
        LocalLog log = new BridgeLocalLog(bus.events, BridgeCursor.open(null, bus.events.endOffset(), warnings::add));
        for (int i = 0; i < 5; i++) {
            local.publish(i % 2 == 0 ? "order.placed" : "user.created", "e" + i, "1", bytes("{}"));
        }
        try (LocalLog.Reader reader = log.open(List.of("order.*"))) {
            assertEquals(List.of("1 order.placed e0 1 {}", "3 order.placed e2 1 {}", "5 order.placed e4 1 {}"), readAll(reader));
        }
        log.commit(3);
        log.commit(2); // older: ignored
        try (LocalLog.Reader reader = log.open(List.of("*"))) {
            assertEquals(List.of("4 user.created e3 1 {}", "5 order.placed e4 1 {}"), readAll(reader));
        }
    }

    @Test
    void aBridgeEnabledOnALogWithHistoryStartsAtItsEnd() throws Exception {
        local.publish("t", "old", null, bytes("{}"));
        LocalLog log = new BridgeLocalLog(bus.events, BridgeCursor.open(null, bus.events.endOffset(), warnings::add));
        local.publish("t", "new", "1", bytes("{}"));
        try (LocalLog.Reader reader = log.open(List.of("*"))) {
            assertEquals(List.of("2 t new 1 {}"), readAll(reader));
        }
    }

    @Test
    void aDurableCursorIsSavedAndReadBackAndAnUnreadableOneResendsTheRetainedLog() throws Exception {
        Path file = dir.resolve("bridge-nats.offset");
        BridgeCursor first = BridgeCursor.open(file, 10, warnings::add);
        assertEquals(9, first.committed(), "a new cursor starts at the log's end");
        first.commit(41);
        assertEquals(41, BridgeCursor.open(file, 100, warnings::add).committed());

        Files.writeString(file, "garbage");
        assertEquals(-1, BridgeCursor.open(file, 100, warnings::add).committed());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("\"" + file + "\""), warnings.get(0));
    }

    @Test
    void aReaderWithNothingNewReturnsNullAfterItsTimeout() throws Exception {
        LocalLog log = new BridgeLocalLog(bus.events, BridgeCursor.open(null, bus.events.endOffset(), warnings::add));
        try (LocalLog.Reader reader = log.open(List.of("*"))) {
            assertNull(reader.next(10, TimeUnit.MILLISECONDS));
            assertEquals(0, reader.missed());
        }
    }

    @Test
    void eventsThatFellOffRetentionCountAsMissedOnceAlsoWhenTheReaderIsOpenedAgain() throws Exception {
        try (RetentionLog small = RetentionLog.open(new Retention(Retention.MIN_MAX_BYTES, Duration.ofMinutes(10), false),
                LogStorage.MEMORY, TimeSource.system())) {
            LocalLog log = new BridgeLocalLog(small, BridgeCursor.open(null, small.endOffset(), warnings::add));
            byte[] payload = ("\"" + "x".repeat(100_000) + "\"").getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 60; i++) { // 6 MB through a 2 MiB log: the oldest fall off before anyone reads them
                small.append("t", "e" + i, "1", payload, 0, payload.length);
            }
            long lost;
            try (LocalLog.Reader reader = log.open(List.of("*"))) {
                lost = reader.missed();
                assertTrue(lost > 0 && lost < 60, "lost " + lost);
                assertEquals(60 - lost, readAll(reader).size(), "the rest are read");
            }
            try (LocalLog.Reader again = log.open(List.of("*"))) { // the cursor never moved: a fault's reopen
                assertEquals(0, again.missed(), "already counted");
            }
        }
    }

    private static List<String> readAll(LocalLog.Reader reader) throws InterruptedException {
        List<String> read = new ArrayList<>();
        for (LocalEvent e = reader.next(10, TimeUnit.MILLISECONDS); e != null; e = reader.next(10, TimeUnit.MILLISECONDS)) {
            read.add(e.offset() + " " + e.eventType() + " " + e.eventId() + " " + e.sourceTime() + " "
                    + new String(e.payload(), StandardCharsets.UTF_8));
        }
        return read;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
