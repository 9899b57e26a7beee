package dev.evbus.busctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evbus.config.Home;
import dev.evbus.event.ManualTime;
import dev.evbus.transport.SocketAddresses;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BusLinkTest {
    @TempDir
    Path root;

    @Test
    void aBatchWhoseWriteFailsBecauseTheBusHungUpIsGivenBackByDropNotLost() throws Exception {
        Path socket = SocketAddresses.forApp(new Home(root).app("a"));
        List<PublishBuffer.Chunk> acknowledged = new ArrayList<>();
        try (FakeBus bus = new FakeBus(socket)) {
            bus.hangUpOnAccept();
            BusLink link = new BusLink(socket, (chunk, events) -> acknowledged.add(chunk), new ManualTime());
            assertTrue(link.open());
            assertTrue(bus.awaitHangUp(Duration.ofSeconds(10)), "the bus closed the connection");
            PublishBuffer.Chunk batch = Batches.of("e1", "e2", "e3");

            assertThrows(IOException.class, () -> link.send(batch), "a write to a closed connection fails");

            assertTrue(link.hasInFlight(), "the failed batch counts as in flight");
            assertEquals(List.of(batch), List.copyOf(link.drop()), "drop gives the batch back to be sent again");
            assertFalse(link.isOpen());
            assertEquals(List.of(), acknowledged);
        }
    }

    @Test
    void aSyncedByeThatGetsNoAnswerGivesUpAfter60SecondsOnTheClock() throws Exception {
        Path socket = SocketAddresses.forApp(new Home(root).app("a"));
        ManualTime clock = new ManualTime();
        try (FakeBus bus = new FakeBus(socket)) {
            BusLink link = new BusLink(socket, (chunk, events) -> { }, clock);
            assertTrue(link.open());
            bus.stall();
            List<Long> waitedAt = new ArrayList<>();
            long start = clock.nanoTime();

            assertThrows(SocketTimeoutException.class, () -> link.endWithSync(() -> {
                waitedAt.add(Duration.ofNanos(clock.nanoTime() - start).toSeconds());
                clock.advance(Duration.ofSeconds(20));
            }));

            assertEquals(List.of(0L, 20L, 40L), waitedAt, "waits while under 60 s, gives up at 60 s");
            assertTrue(link.isOpen(), "left for the caller to drop");
        }
    }

    @Test
    void aSyncedByeAnsweredClosesTheLinkWithEverythingAcknowledged() throws Exception {
        Path socket = SocketAddresses.forApp(new Home(root).app("a"));
        List<Integer> acknowledged = new ArrayList<>();
        try (FakeBus bus = new FakeBus(socket)) {
            BusLink link = new BusLink(socket, (chunk, events) -> acknowledged.add(events), new ManualTime());
            assertTrue(link.open());
            link.send(Batches.of("e1", "e2"));

            link.endWithSync(() -> { });

            assertFalse(link.isOpen());
            assertFalse(link.hasInFlight());
            assertEquals(0, link.unsynced(), "the synced bye covers what was acknowledged");
            assertEquals(List.of(2), acknowledged);
            assertEquals(List.of("e1", "e2"), bus.received());
        }
    }
}
