package dev.evbus.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evbus.event.ManualTime;
import dev.evbus.protocol.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/** The stop's phases, with idleness on a manual clock: no test waits for time to pass. */
class StopGateTest {
    private static final Duration QUIET = Duration.ofSeconds(30);
    private static final Duration CLEANUP_LIMIT = Duration.ofSeconds(60);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ManualTime clock = new ManualTime();
    private final List<Long> pids = new ArrayList<>();
    private final AtomicBoolean holding = new AtomicBoolean();
    private final StopGate gate = new StopGate(lock, changed, new StopGate.Members() {
        @Override
        public List<Long> pids() {
            return List.copyOf(pids);
        }

        @Override
        public boolean none() {
            return pids.isEmpty();
        }

        @Override
        public List<String> held() {
            return pids.stream().map(pid -> "attached by pid " + pid).toList();
        }
    }, CLEANUP_LIMIT);
    private final IdleTracker idleness = new IdleTracker(lock, changed, () -> pids.isEmpty(), clock);

    @Test
    void anUnforcedStopIsRefusedWhileConsumersAreAttachedAndTheGateStaysOpen() {
        pids.add(41L);
        admit();

        assertEquals(new Message.ShutdownAck(false, List.of(41L), 0), gate.requestStop(false));
        assertTrue(gate.admitting());
    }

    @Test
    void aForcedStopClosesTheGateAndTellsHowLongTheCleanupsMayTake() {
        pids.add(41L);
        admit();

        assertEquals(new Message.ShutdownAck(true, List.of(41L), CLEANUP_LIMIT.plusSeconds(10).toMillis()),
                gate.requestStop(true));
        assertFalse(gate.admitting());
    }

    @Test
    void aStopWithNobodyAttachedIsGrantedWithNothingToWaitFor() {
        assertEquals(new Message.ShutdownAck(true, List.of(), 0), gate.requestStop(false));
        assertFalse(gate.admitting());
    }

    @Test
    void anIdleWatchStopsTheBusOnceTheClockSaysItWasQuietLongEnough() throws Exception {
        CompletableFuture<Boolean> watch = CompletableFuture.supplyAsync(() -> gate.awaitIdleThenStop(idleness, QUIET));
        moveClock(Duration.ofSeconds(29));
        assertTrue(gate.admitting(), "29 s quiet is not 30");
        assertFalse(watch.isDone());

        moveClock(Duration.ofSeconds(1));

        assertTrue(watch.get(10, TimeUnit.SECONDS));
        assertFalse(gate.admitting(), "it stops admitting in the same step");
    }

    @Test
    void anIdleWatchGivesWayToAStopThatCameFirst() throws Exception {
        CompletableFuture<Boolean> watch = CompletableFuture.supplyAsync(() -> gate.awaitIdleThenStop(idleness, QUIET));

        gate.begin();

        assertFalse(watch.get(10, TimeUnit.SECONDS));
    }

    @Test
    void anIdleBusThatStillHoldsSomethingStaysUpUntilItLetsGo() throws Exception {
        holding.set(true);
        CompletableFuture<Boolean> watch = CompletableFuture.supplyAsync(
                () -> gate.awaitIdleThenStop(idleness, QUIET, holding::get));
        moveClock(QUIET.plusSeconds(5));
        assertTrue(gate.admitting());

        holding.set(false);
        moveClock(Duration.ZERO);

        assertTrue(watch.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aStopDrainsOnlyOnceEveryAdmittedConsumerHasDisconnected() {
        pids.add(41L);
        admit();
        gate.begin();
        gate.connectionsClosed();

        assertFalse(gate.awaitDrained(Duration.ZERO));
        assertEquals("1 consumer(s) not yet disconnected, subscriptions [attached by pid 41]", gate.undrained());

        lock.lock();
        try {
            pids.clear();
            gate.disconnected();
        } finally {
            lock.unlock();
        }
        assertTrue(gate.awaitDrained(Duration.ZERO));
    }

    private void admit() {
        lock.lock();
        try {
            gate.admitted();
        } finally {
            lock.unlock();
        }
    }

    /** Moves the clock and wakes the waiters, as a real clock's timed wait ending would. */
    private void moveClock(Duration by) {
        lock.lock();
        try {
            clock.advance(by);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
