package dev.evbus.busctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evbus.config.AppPaths;
import dev.evbus.config.Home;
import dev.evbus.protocol.Message;
import dev.evbus.spool.SpoolDirectory;
import dev.evbus.spool.SpoolFile;
import dev.evbus.spool.SpoolReader;
import dev.evbus.transport.SocketAddresses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventPublisherTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path root;

    private Home home() {
        return new Home(root);
    }

    private AppPaths paths() {
        return home().app("a");
    }

    private Path socket() throws IOException {
        return SocketAddresses.forApp(paths());
    }

    @Test
    void withNoBusEventsAreSpooledToDiskAndFlushReportsThem() throws Exception {
        try (EventPublisher publisher = EventPublisher.builder(home(), "a").build()) {
            for (int i = 0; i < 100; i++) {
                assertTrue(publisher.publish("t.x", "e" + i, "{\"n\":" + i + "}"));
            }
            assertTrue(publisher.flush(WAIT));
            assertEquals(new EventPublisher.Stats(0, 100, 0, 0), publisher.stats());
        }
        assertEquals(ids(0, 100), spooledIds());
    }

    @Test
    void aBusThatAppearsGetsTheSpoolInOrderBeforeNewerEvents() throws Exception {
        try (EventPublisher publisher = EventPublisher.builder(home(), "a").build()) {
            for (int i = 0; i < 50; i++) {
                publisher.publish("t.x", "e" + i, "{}");
            }
            assertTrue(publisher.flush(WAIT));
            assertEquals(50, publisher.stats().spooled());
            try (FakeBus bus = new FakeBus(socket())) {
                for (int i = 50; i < 100; i++) {
                    publisher.publish("t.x", "e" + i, "{}");
                }
                await(() -> publisher.stats().sent() == 100);
                assertEquals(ids(0, 100), bus.received());
                assertEquals(new EventPublisher.Stats(0, 0, 100, 0), publisher.stats());
            }
        }
        assertEquals(List.of(), new SpoolDirectory(paths().spoolDir()).files(), "handed-over files are deleted");
    }

    @Test
    void framesUnacknowledgedWhenTheBusDiesAreSentAgainAndNothingIsLost() throws Exception {
        try (FakeBus bus = new FakeBus(socket());
             EventPublisher publisher = EventPublisher.builder(home(), "a").batchBytes(256).build()) {
            bus.dieAfter(30);
            for (int i = 0; i < 100; i++) {
                publisher.publish("t.x", "e" + i, "{\"pad\":\"0123456789\"}");
            }
            await(() -> publisher.stats().sent() == 100);
            List<String> received = bus.received();
            assertEquals(ids(0, 100), new ArrayList<>(new LinkedHashSet<>(received)), "every event, first seen in order");
            assertTrue(received.size() >= 100);
        }
    }

    @Test
    void moreThanMemoryHoldsThroughASlowButLiveBusArrivesWholeAndInOrderWithoutRefusals() throws Exception {
        int events = 40_000; // about 12 MB of frames through the default 8 MiB memory cap
        String payload = "{\"pad\":\"" + "x".repeat(200) + "\"}";
        try (FakeBus bus = new FakeBus(socket());
             EventPublisher publisher = EventPublisher.builder(home(), "a").build()) {
            bus.slow(50); // about 50,000 frames a second: far behind the burst, yet acknowledging
            long refused = 0;
            for (int i = 0; i < events; i++) {
                // Past half the cap the publisher spills to its spool; the caller never fills memory
                // (24,000 + 1,000 events of about 260 bytes stay under 8 MiB), so no refusal may depend
                // on how fast this machine's disk is, only on the publisher keeping the slow bus.
                if (i % 1_000 == 0) {
                    await(() -> publisher.stats().buffered() <= 24_000);
                }
                refused += publisher.publish("t.x", "e" + i, payload) ? 0 : 1;
            }
            assertTrue(publisher.flush(Duration.ofSeconds(60)), publisher.stats().toString());
            assertEquals(0, refused, publisher.stats().toString());
            // A bus that took a second to read a write (a loaded machine) was dropped and its frames
            // spooled; a flush counts those as stored. They reach the bus on the next connection.
            await(() -> publisher.stats().sent() == events, Duration.ofSeconds(60));
            assertEquals(new EventPublisher.Stats(0, 0, events, 0), publisher.stats());
            List<String> received = bus.received();
            assertEquals(ids(0, events), new ArrayList<>(new LinkedHashSet<>(received)), "every event, first seen in order");
            List<String> tagged = bus.receivedOn();
            assertEquals(tagged.size(), new LinkedHashSet<>(tagged).size(), "a repeat only on a new connection");
        }
    }

    @Test
    void whenMemoryAndSpoolAreFullEventsAreDroppedAndCounted() throws Exception {
        try (EventPublisher publisher = EventPublisher.builder(home(), "a")
                .memoryCapBytes(4096).diskCapBytes(4096).batchBytes(512).build()) {
            String payload = "{\"pad\":\"" + "x".repeat(200) + "\"}";
            long refused = 0;
            for (int i = 0; i < 2_000; i++) {
                if (!publisher.publish("t.x", "e" + i, payload)) {
                    refused++;
                }
            }
            long dropped = refused;
            // counters move between buffered, spooled and dropped on the publisher's thread: wait for it to settle
            await(() -> publisher.stats().dropped() >= dropped);
            await(() -> {
                EventPublisher.Stats now = publisher.stats();
                return now.buffered() + now.spooled() + now.dropped() == 2_000;
            });
            EventPublisher.Stats stats = publisher.stats();
            assertTrue(refused > 0, stats.toString());
            assertEquals(refused, stats.dropped());
            assertEquals(2_000, stats.buffered() + stats.spooled() + stats.dropped(), stats.toString());
        }
    }

    @Test
    void publishNeverBlocksWhileTheBusHasStoppedReading() throws Exception {
        try (EventPublisher publisher = EventPublisher.builder(home(), "a").memoryCapBytes(1 << 20).build();
             FakeBus bus = new FakeBus(socket())) { // the bus closes first, so closing the publisher does not wait on it
            bus.stall();
            String payload = "{\"pad\":\"" + "x".repeat(200) + "\"}";
            long start = System.nanoTime();
            for (int i = 0; i < 50_000; i++) {
                publisher.publish("t.x", "e" + i, payload);
            }
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos(), "publish returned at once");
            // stats() reads the buffer, then the loop: an event the loop moves in between counts
            // twice in that one reading. Nothing lost and nothing counted twice means some reading
            // adds up exactly (it fails after WAIT when none does).
            await(() -> {
                EventPublisher.Stats now = publisher.stats();
                return now.spooled() > 0 && now.buffered() + now.spooled() + now.sent() + now.dropped() == 50_000;
            });
        }
    }

    @Test
    void aTypeWithAStarOrAPayloadThatIsNotOneJsonValueIsACallerBug() throws Exception {
        try (EventPublisher publisher = EventPublisher.builder(home(), "a").build()) {
            assertThrows(IllegalArgumentException.class, () -> publisher.publish("t.*", null, "{}"));
            assertThrows(IllegalArgumentException.class, () -> publisher.publish("", null, "{}"));
            assertThrows(IllegalArgumentException.class, () -> publisher.publish("t", null, "{} {}"));
            assertThrows(IllegalArgumentException.class, () -> publisher.publish("t", null, "{\"a\":"));
            assertThrows(IllegalArgumentException.class, () -> publisher.publish("t", null, ""));
            assertFalse(publisher.stats().buffered() > 0);
        }
    }

    @Test
    void anEventTheBusWouldRefuseByTheEventRulesIsRefusedAtPublishSayingWhy() throws Exception {
        try (EventPublisher publisher = EventPublisher.builder(home(), "a").build()) {
            assertEquals("event type \"!order\" must not start with '!' (a subscription's \"!pattern\" excludes types)",
                    assertThrows(IllegalArgumentException.class, () -> publisher.publish("!order", null, "{}")).getMessage());
            assertEquals("event type \"a\\u0001b\" holds the control character U+0001 at character 2 (control characters are not allowed)",
                    assertThrows(IllegalArgumentException.class, () -> publisher.publish("a\u0001b", null, "{}")).getMessage());
            assertTrue(assertThrows(IllegalArgumentException.class, () -> publisher.publish("t", "\ud800", "{}")).getMessage()
                    .endsWith(" holds the lone surrogate U+D800 at character 1 (it is not valid Unicode)"));
            assertEquals("source time \"soon\" must be milliseconds since the epoch", assertThrows(IllegalArgumentException.class,
                    () -> publisher.publish("t", null, "soon", "{}".getBytes(StandardCharsets.UTF_8))).getMessage());
            assertThrows(IllegalArgumentException.class, () -> publisher.publish("t".repeat(1025), null, "{}"));
            assertEquals(0, publisher.stats().buffered());
        }
    }

    private List<String> spooledIds() throws IOException {
        SpoolDirectory directory = new SpoolDirectory(paths().spoolDir());
        List<String> ids = new ArrayList<>();
        for (Path file : directory.files()) {
            try (SpoolFile claimed = directory.tryClaim(file).orElseThrow()) {
                SpoolReader reader = claimed.reader((f, offset, reason) -> ids.add("bad: " + reason));
                for (Message.Publish p = reader.next(); p != null; p = reader.next()) {
                    ids.add(p.eventId());
                }
            }
        }
        assertTrue(Files.isDirectory(directory.dir()));
        return ids;
    }

    private static List<String> ids(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "e" + i).toList();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        await(condition, WAIT);
    }

    private static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not met in time");
            Thread.sleep(5);
        }
    }
}
