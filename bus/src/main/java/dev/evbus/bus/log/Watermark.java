package dev.evbus.bus.log;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A number that only grows, and the threads waiting for it to reach theirs: the log's end (readers
 * wait for appends) and the last offset on disk (acks wait for the flusher). Its one writer takes
 * the lock only when someone waits: the writer sets {@link #value} then reads {@link #waiters}, a
 * waiter raises {@code waiters} then reads {@code value}, both volatile, so one of the two always
 * sees the other and no wake-up is lost.
 */
final class Watermark {
    private volatile long value;
    private volatile int waiters;
    private volatile boolean closed;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition moved = lock.newCondition();

    Watermark(long initial) {
        this.value = initial;
    }

    long get() {
        return value;
    }

    /** Moves the mark and wakes whoever waits. One writer only, so no compare-and-set. */
    void advance(long to) {
        raise(to);
        wakeWaiters();
    }

    /** Moves the mark without waking anyone yet: a publisher wakes readers once per burst. */
    void raise(long to) {
        if (to > value) {
            value = to;
        }
    }

    void wakeWaiters() {
        if (waiters > 0) {
            signalAll();
        }
    }

    /** True once the mark reaches {@code target}; false when the time ran out or it was closed first. */
    boolean await(long target, long timeoutNanos) throws InterruptedException {
        if (value >= target) {
            return true;
        }
        lock.lock();
        try {
            waiters++;
            long left = timeoutNanos;
            while (value < target && !closed) {
                if (left <= 0) {
                    return false;
                }
                left = moved.awaitNanos(left);
            }
            return value >= target;
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
