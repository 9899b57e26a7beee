package dev.evbus.busctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evbus.config.AppPaths;
import dev.evbus.config.Home;
import dev.evbus.event.ManualTime;
import dev.evbus.spool.SpoolDirectory;
import dev.evbus.spool.SpoolWriter;
import dev.evbus.transport.SocketAddresses;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The publisher's state machine, round by round on a manual clock: nothing here waits for the
 * back-off to pass; the clock is moved. Waits happen only for a real bus's answers on its socket.
 */
class PublisherLoopTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final byte[] PAYLOAD = "{}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path root;

    private final ManualTime clock = new ManualTime();
    private PublishBuffer buffer;
    private PublisherLoop loop;
    private Path socket;

    private void start() throws Exception {
        AppPaths paths = new Home(root).app("a");
        socket = SocketAddresses.forApp(paths);
        buffer = new PublishBuffer(1 << 20, 4096, clock);
        SpoolWriter spool = new SpoolWriter(new SpoolDirectory(paths.spoolDir()), 1 << 20, clock);
        loop = new PublisherLoop(buffer, socket, spool, 1 << 20, 4096, clock);
    }

    @Test
    void withNoBusBatchesGoToTheSpoolAndABusThatComesGetsThemOnlyOnceTheBackOffHasRunOut() throws Exception {
        start();
        publish("e1", "e2");

        loop.step();
        assertEquals(PublisherLoop.State.NO_BUS, loop.state());
        assertEquals(2, loop.spooledEvents());
        assertEquals(50, loop.idleWaitMillis(), "the first failed connect backs off 50 ms");

        try (FakeBus bus = new FakeBus(socket)) {
            loop.step();
            assertEquals(List.of(), bus.received(), "not due yet: the clock has not moved");

            clock.advance(Duration.ofMillis(50));
            loop.step();

            assertEquals(List.of("e1", "e2"), bus.received());
            assertEquals(0, loop.spooledEvents());
            assertEquals(2, loop.sentEvents());
        }
    }

    @Test
    void theBackOffDoublesAfterEachFailedConnectUpToOneSecond() throws Exception {
        start();
        publish("e1");
        List<Long> waits = new ArrayList<>();
        for (int round = 0; round < 7; round++) {
            loop.step();
            long wait = loop.idleWaitMillis();
            waits.add(wait);
            loop.step(); // not due again before the clock moves: the wait only shrinks with time
            assertEquals(wait, loop.idleWaitMillis());
            clock.advance(Duration.ofMillis(wait));
        }

        assertEquals(List.of(50L, 100L, 200L, 400L, 800L, 1000L, 1000L), waits);
    }

    @Test
    void aFlushTriesTheBusAtOnceThoughTheBackOffHasNotRunOut() throws Exception {
        start();
        publish("e1");
        loop.step();
        assertEquals(50, loop.idleWaitMillis());

        try (FakeBus bus = new FakeBus(socket)) {
            CompletableFuture<Boolean> flush = CompletableFuture.supplyAsync(() -> flush(buffer));
            await(() -> buffer.flushRequested() > 0, () -> { });
            loop.step();

            assertEquals(List.of("e1"), bus.received(), "connected without the clock moving");
            assertTrue(flush.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
        }
    }

    @Test
    void spooledEventsGoToANewBusBeforeNewerOnesWaitingInMemoryThenTheLoopSendsDirect() throws Exception {
        start();
        publish("e1");
        loop.step();
        try (FakeBus bus = new FakeBus(socket)) {
            publish("e2");
            clock.advance(Duration.ofMillis(50));

            loop.step(); // HANDOVER: the spool file, a synced bye, and a new connection at once
            assertEquals(List.of("1:e1"), bus.receivedOn());
            assertEquals(PublisherLoop.State.DIRECT, loop.state());

            await(() -> loop.sentEvents() == 2, this::round);
            assertEquals(List.of("1:e1", "2:e2"), bus.receivedOn());
            assertEquals(PublisherLoop.State.DIRECT, loop.state());
        }
    }

    @Test
    void aBusLostBeforeItAcknowledgedLeavesTheBatchToTheSpoolAndBacksOff50Ms() throws Exception {
        start();
        try (FakeBus bus = new FakeBus(socket)) {
            bus.dieAfter(1);
            publish("e1");
            loop.step();
            assertEquals(PublisherLoop.State.DIRECT, loop.state());

            await(() -> loop.state() == PublisherLoop.State.NO_BUS, this::round);
            assertEquals(List.of("e1"), bus.received(), "the bus read the batch, then died without an ack");
            loop.step();

            assertEquals(1, loop.spooledEvents(), "not acknowledged, so kept");
            assertEquals(0, loop.sentEvents());
            assertEquals(50, loop.idleWaitMillis());
        }
    }

    private void publish(String... ids) {
        for (String id : ids) {
            assertTrue(buffer.offer("t.x", id, "1", PAYLOAD, 256));
        }
    }

    /** What the publisher's thread does: a round, then a wait for an ack (a millisecond at most) or for frames. */
    private void round() {
        loop.step();
        try {
            loop.pause();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean flush(PublishBuffer buffer) {
        try {
            return buffer.awaitFlush(PATIENCE.toNanos());
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** Runs {@code round} until {@code condition} holds; fails after {@link #PATIENCE} of real time. */
    private static void await(BooleanSupplier condition, Runnable round) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not met in time");
            round.run();
            Thread.sleep(1);
        }
    }
}
