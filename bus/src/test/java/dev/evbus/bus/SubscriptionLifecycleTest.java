package dev.evbus.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evbus.event.ManualTime;
import dev.evbus.event.TimeSource;
import dev.evbus.protocol.Message;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The subscription state machine on its own: generations, who cleans up, who waits, and stops. */
class SubscriptionLifecycleTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final BusLog log = BusLog.to(new PrintStream(logBytes, true, StandardCharsets.UTF_8));
    /** Each bus-run cleanup, as "pid params". */
    private final List<String> busCleanups = new CopyOnWriteArrayList<>();
    /** Bus-run cleanups block here until released; they ignore interrupts, as a hung hook would. */
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicBoolean blockCleanups = new AtomicBoolean();
    private final AtomicBoolean cleanupInterrupted = new AtomicBoolean();
    private final ManualTime clock = new ManualTime();
    private Duration cleanupLimit = Duration.ofSeconds(60);
    private SubscriptionLifecycle lifecycle = create();
    private final Deadlines deadlines = Deadlines.watched(TimeSource.system());

    private SubscriptionLifecycle create() {
        BusCleanup cleanup = last -> {
            busCleanups.add(last.pid() + " " + last.params());
            while (blockCleanups.get()) {
                try {
                    if (release.await(10, TimeUnit.SECONDS)) {
                        return;
                    }
                } catch (InterruptedException e) {
                    cleanupInterrupted.set(true);
                }
            }
        };
        SubscriptionLifecycle.Admission admission = new SubscriptionLifecycle.Admission() {
            @Override
            public Hub.Join admit(ConsumerConnection consumer, boolean first) {
                return new Hub.Join(first, null, 0, 0);
            }

            @Override
            public void drop(ConsumerConnection consumer) {
            }
        };
        return new SubscriptionLifecycle(admission, new BusCleanups(cleanup, log, cleanupLimit, TimeSource.system()), log, clock);
    }

    @AfterEach
    void releaseCleanups() {
        blockCleanups.set(false);
        release.countDown();
        deadlines.close();
    }

    @Test
    void everyGenerationGetsExactlyOneCleanupByItsLastConsumerOrByTheBus() throws Exception {
        ConsumerConnection a = consumer(1, "x");
        assertTrue(lifecycle.join(a).first());
        lifecycle.setupDone(a);
        assertTrue(lifecycle.leave(a));
        a.byeReceived = true;
        lifecycle.disconnect(a);
        assertNull(lifecycle.state("s"), "generation 1 cleaned up by its consumer");

        ConsumerConnection b = consumer(2, "x");
        assertTrue(lifecycle.join(b).first(), "generation 2");
        lifecycle.setupDone(b);
        lifecycle.disconnect(b); // killed while idle
        assertTrue(lifecycle.stop().awaitDrained(PATIENCE));

        ConsumerConnection c = consumer(3, "x");
        assertTrue(lifecycle.join(c).first(), "generation 3");
        lifecycle.setupDone(c);
        assertTrue(lifecycle.leave(c));
        lifecycle.disconnect(c); // killed during its own cleanup: no bye
        assertTrue(lifecycle.stop().awaitDrained(PATIENCE));

        ConsumerConnection d = consumer(4, "x");
        assertTrue(lifecycle.join(d).first(), "generation 4");
        lifecycle.disconnect(d); // killed during preConsume
        assertTrue(lifecycle.stop().awaitDrained(PATIENCE));

        assertEquals(List.of("2 {room=x}", "3 {room=x}", "4 {room=x}"), busCleanups);
        assertNull(lifecycle.state("s"));
    }

    @Test
    void theBusCleansUpWithTheParamsOfTheLastConsumerNotOfTheLastToJoin() throws Exception {
        ConsumerConnection stays = consumer(1, "stays");
        lifecycle.join(stays);
        lifecycle.setupDone(stays);
        ConsumerConnection goes = consumer(2, "goes");
        assertFalse(lifecycle.join(goes).first());
        assertFalse(lifecycle.leave(goes));
        goes.byeReceived = true;
        lifecycle.disconnect(goes);

        lifecycle.disconnect(stays);
        assertTrue(lifecycle.stop().awaitDrained(PATIENCE));
        assertEquals(List.of("1 {room=stays}"), busCleanups);
    }

    @Test
    void aBusCleanupPastItsLimitIsInterruptedButKeepsTheLockUntilItEndsAndANewcomerWaits() throws Exception {
        cleanupLimit = Duration.ofMillis(50);
        lifecycle = create();
        blockCleanups.set(true);
        ConsumerConnection vanished = consumer(1, "x");
        lifecycle.join(vanished);
        lifecycle.setupDone(vanished);
        lifecycle.disconnect(vanished);
        awaitLog("still running after 50 ms; interrupting it, and keeping the subscription locked until it ends");

        CompletableFuture<Hub.Join> newcomer = CompletableFuture.supplyAsync(() -> join(consumer(2, "x")));
        awaitLog("consumer pid 2 waits for subscription \"s\": cleanup by the bus in progress");
        assertTrue(cleanupInterrupted.get(), "the cleanup was asked to give up");
        assertEquals(Subscription.State.BUS_CLEANUP, lifecycle.state("s"));
        assertFalse(newcomer.isDone(), "admitted while the cleanup still ran");
        assertFalse(lifecycle.stop().awaitDrained(Duration.ZERO), "a stop would not wait for the cleanup");

        release.countDown();
        assertTrue(newcomer.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).first(), "the newcomer opens the next generation");
        assertTrue(logText().contains("ended after its time limit"), logText());
        assertEquals(1, busCleanups.size());
    }

    @Test
    void anUnforcedStopIsRefusedWhileAConsumerIsAttachedAndOnceAcceptedNoOneIsAdmitted() throws Exception {
        ConsumerConnection attached = consumer(41, "x");
        lifecycle.join(attached);
        lifecycle.setupDone(attached);
        assertEquals(new Message.ShutdownAck(false, List.of(41L), 0), lifecycle.stop().requestStop(false));

        assertTrue(lifecycle.leave(attached));
        attached.byeReceived = true;
        lifecycle.disconnect(attached);
        assertEquals(new Message.ShutdownAck(true, List.of(), 0), lifecycle.stop().requestStop(false));

        AtomicBoolean closed = new AtomicBoolean();
        ConsumerConnection late = new ConsumerConnection(hello(42, "x"), 42, () -> closed.set(true),
                new ByteArrayOutputStream(), deadlines);
        CompletableFuture<Hub.Join> refused = CompletableFuture.supplyAsync(() -> join(late));
        lifecycle.stop().connectionsClosed();
        Hub.Join join = refused.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertEquals("the bus is stopping", join.rejectReason());
        assertTrue(closed.get(), "its connection is closed unanswered, so the consumer dials the next bus");
    }

    @Test
    void aStopWaitsForTheDisconnectsOfClosedConnectionsAndTheCleanupsTheyLeave() throws Exception {
        ConsumerConnection attached = consumer(1, "x");
        lifecycle.join(attached);
        lifecycle.setupDone(attached);
        blockCleanups.set(true);
        Message.ShutdownAck forced = lifecycle.stop().requestStop(true);
        assertTrue(forced.stopping());
        assertEquals(lifecycle.stop().patience().toMillis(), forced.waitMs(), "a cleanup is due: the answer says how long it may take");
        lifecycle.stop().connectionsClosed();
        assertFalse(lifecycle.stop().awaitDrained(Duration.ZERO), "the closed connection's disconnect is not processed yet");

        lifecycle.disconnect(attached);
        assertFalse(lifecycle.stop().awaitDrained(Duration.ZERO), "its cleanup runs");
        release.countDown();
        assertTrue(lifecycle.stop().awaitDrained(PATIENCE));
        assertEquals(List.of("1 {room=x}"), busCleanups);
    }

    @Test
    void theBusStopsWhenIdleLongEnoughByItsClockAndAdmitsNoOneAfter() throws Exception {
        ConsumerConnection consumer = consumer(1, "x");
        lifecycle.join(consumer);
        lifecycle.setupDone(consumer);
        assertTrue(lifecycle.leave(consumer));
        consumer.byeReceived = true;
        clock.advance(Duration.ofSeconds(5));
        lifecycle.disconnect(consumer); // idle from now
        clock.advance(Duration.ofSeconds(30));
        assertTrue(lifecycle.stop().awaitIdleThenStop(lifecycle.idleness(), Duration.ofSeconds(30)));
        assertEquals(new Message.ShutdownAck(true, List.of(), 0), lifecycle.stop().requestStop(false), "already stopping");
    }

    @Test
    void anIdleBusThatStillHoldsEventsToHandOnStaysUpUntilItHoldsNone() throws Exception {
        clock.advance(Duration.ofSeconds(60)); // idle since it started
        AtomicInteger asked = new AtomicInteger();
        assertTrue(lifecycle.stop().awaitIdleThenStop(lifecycle.idleness(), Duration.ofMillis(20),
                () -> asked.incrementAndGet() < 3));
        assertEquals(3, asked.get(), "asked again after each quiet period while it held events");
        assertEquals(new Message.ShutdownAck(true, List.of(), 0), lifecycle.stop().requestStop(false), "stopping now");
    }

    private Hub.Join join(ConsumerConnection consumer) {
        try {
            return lifecycle.join(consumer);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private ConsumerConnection consumer(long pid, String room) {
        return new ConsumerConnection(hello(pid, room), pid, () -> { }, new ByteArrayOutputStream(), deadlines);
    }

    /** Every consumer here is of subscription "s"; the room param only tells their params apart. */
    private static Message.Hello hello(long pid, String room) {
        return new Message.Hello(pid, "journal", List.of("*"), "0.1.0", "s", Map.of("room", room), "user", 10, false);
    }

    private String logText() {
        return logBytes.toString(StandardCharsets.UTF_8);
    }

    private void awaitLog(String text) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!logText().contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no log line with " + text + " in:\n" + logText());
            }
            Thread.sleep(5);
        }
    }
}
