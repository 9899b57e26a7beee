package dev.evbus.bus.log;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Where readers sleep while they have read everything. Publishers wake them once per burst, and
 * skip even that when nobody sleeps: a reader counts itself in {@link #waiting} before it checks
 * the log's end, and a publisher reads the count after moving the end, so one of the two always
 * sees the other and no wake-up is lost.
 */
final class AppendWaiters {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition appended = lock.newCondition();
    private final LongSupplier end;
    private volatile int waiting;
    private volatile boolean closed;

    AppendWaiters(LongSupplier end) {
        this.end = end;
    }

    void wakeAll() {
        if (waiting > 0) {
            signalAll();
        }
    }

    /** Waits until the log's end is past {@code position}, or the log closes. */
    void await(long position) throws InterruptedException {
        lock.lock();
        try {
            waiting++;
            while (end.getAsLong() <= position && !closed) {
                appended.await();
            }
        } finally {
            waiting--;
            lock.unlock();
        }
    }

    void close() {
        closed = true;
        signalAll();
    }

    private void signalAll() {
        lock.lock();
        try {
            appended.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
