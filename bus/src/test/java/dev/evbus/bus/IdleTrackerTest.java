package dev.evbus.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.evbus.event.ManualTime;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/** Idle time by an injected clock: no test here sleeps. */
class IdleTrackerTest {
    private static final Duration QUIET = Duration.ofSeconds(30);

    private final ReentrantLock lock = new ReentrantLock();
    private final ManualTime now = new ManualTime();
    private final AtomicBoolean holdsNothing = new AtomicBoolean(true);
    private final IdleTracker idle = new IdleTracker(lock, lock.newCondition(), holdsNothing::get, now);

    private long quietLeft() {
        lock.lock();
        try {
            return idle.quietLeftNanos(QUIET);
        } finally {
            lock.unlock();
        }
    }

    private void advance(Duration by) {
        now.advance(by);
    }

    @Test
    void aFreshBusIsIdleFromItsStartAndQuietEnoughOnceTheTimeoutPassed() {
        assertEquals(QUIET.toNanos(), quietLeft());
        advance(Duration.ofSeconds(10));
        assertEquals(Duration.ofSeconds(20).toNanos(), quietLeft());
        advance(Duration.ofSeconds(25));
        assertEquals(0, quietLeft());
    }

    @Test
    void aProducerKeepsTheBusBusyAndItsLeavingRestartsTheQuietSpell() {
        idle.producerOpened();
        advance(Duration.ofMinutes(5));
        assertEquals(Long.MAX_VALUE, quietLeft());
        idle.producerClosed();
        assertEquals(QUIET.toNanos(), quietLeft());
        advance(QUIET);
        assertEquals(0, quietLeft());
    }

    @Test
    void whatTheLifecycleHoldsKeepsTheBusBusyUntilItSettlesEmpty() {
        lock.lock();
        try {
            holdsNothing.set(false);
            idle.settle();
            advance(Duration.ofMinutes(5));
            assertEquals(Long.MAX_VALUE, idle.quietLeftNanos(QUIET));
            holdsNothing.set(true);
            idle.settle();
            advance(Duration.ofSeconds(1));
            assertEquals(Duration.ofSeconds(29).toNanos(), idle.quietLeftNanos(QUIET));
        } finally {
            lock.unlock();
        }
    }
}
