package dev.evbus.bus.log;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The last offset on disk, moved forward by the flusher and awaited by producers' acks. The
 * flusher takes the lock only when someone waits: it writes {@link #value} then reads
 * {@link #waiters}, a waiter raises {@code waiters} then reads {@code value}, both volatile, so
 * one of them always sees the other.
 */
final class StoredOffset {
    private volatile long value;
    private volatile int waiters;
    private volatile boolean closed;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition moved = lock.newCondition();

    StoredOffset(long initial) {
        this.value = initial;
    }

    long get() {
        return value;
    }

    /** Flusher only (a single writer, so no compare-and-set). */
    void advance(long to) {
        if (to <= value) {
            return;
        }
        value = to;
        if (waiters > 0) {
            signalAll();
        }
    }

    /** True once {@code offset} is stored; false when the time ran out or the store closed first. */
    boolean await(long offset, long timeoutNanos) throws InterruptedException {
        if (value >= offset) {
            return true;
        }
        lock.lock();
        try {
            waiters++;
            long left = timeoutNanos;
            while (value < offset && !closed) {
                if (left <= 0) {
                    return false;
                }
                left = moved.awaitNanos(left);
            }
            return value >= offset;
        } finally {
            waiters--;
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
            moved.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
