package dev.evbus.busctl;

import dev.evbus.event.TimeSource;
import dev.evbus.protocol.ByteSink;
import dev.evbus.protocol.PublishFrame;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The hand-off between {@link EventPublisher#publish} callers and the publisher's thread: frames
 * are encoded straight into a batch under a short lock, and the thread takes whole batches. Memory
 * is bounded in bytes: a frame counts from the moment it is accepted until the thread releases it
 * (acknowledged by a bus, or written to the spool).
 */
final class PublishBuffer {
    /** Whole frames, oldest first. */
    record Chunk(byte[] bytes, int length, int events) {
    }

    private final long capBytes;
    private final int batchBytes;
    private final TimeSource clock;

    /** Guards every field below; held only to copy one frame or swap a batch, never across I/O. */
    private final ReentrantLock lock = new ReentrantLock();
    /** The thread waits here for frames, a flush request or the stop. */
    private final Condition work = lock.newCondition();
    /** Flushers wait here for {@link #flushedThrough} to move. */
    private final Condition flushed = lock.newCondition();
    private ByteSink filling;
    private int fillingEvents;
    private final Deque<Chunk> full = new ArrayDeque<>();
    private long heldBytes;
    private long heldEvents;
    /** Events accepted so far: the sequence number of the newest. */
    private long accepted;
    private long dropped;
    private long flushRequested;
    private long flushedThrough;
    /** Flushes up to this event are answered false at once: the spool cannot take their events (see {@link #failFlushes}). */
    private long failedThrough;
    private boolean threadWaiting;
    /** A flush was asked for since the thread last looked. */
    private boolean flushSignalled;
    private boolean stopping;
    /** source_time of the last frame, reused while the millisecond lasts: one string per ms, not per event. */
    private long lastMillis = -1;
    private String lastMillisText;

    PublishBuffer(long capBytes, int batchBytes, TimeSource clock) {
        this.capBytes = capBytes;
        this.batchBytes = batchBytes;
        this.clock = clock;
        this.filling = new ByteSink(batchBytes + 4096);
    }

    /** Encodes one frame, or counts it dropped when the memory cap is reached; never waits but for the lock. */
    boolean offer(String type, String id, String sourceTime, byte[] payload, int worstCaseBytes) {
        lock.lock();
        try {
            if (heldBytes + worstCaseBytes > capBytes) {
                dropped++;
                return false;
            }
            String time = sourceTime;
            if (time == null) {
                long now = clock.millis();
                if (now != lastMillis) {
                    lastMillis = now;
                    lastMillisText = Long.toString(now);
                }
                time = lastMillisText;
            }
            int before = filling.size();
            PublishFrame.writeTo(filling, type, id, time, payload, 0, payload.length, false);
            heldBytes += filling.size() - before;
            heldEvents++;
            accepted++;
            fillingEvents++;
            if (filling.size() >= batchBytes) {
                sealFilling();
            }
            if (threadWaiting) {
                threadWaiting = false;
                work.signal();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Moves every batch into {@code into}, oldest first; the frames stay counted until released. */
    void drainTo(Deque<Chunk> into) {
        lock.lock();
        try {
            if (fillingEvents > 0) {
                sealFilling();
            }
            into.addAll(full);
            full.clear();
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code nanos} for frames, a flush request or the stop. */
    void awaitWork(long nanos) throws InterruptedException {
        lock.lock();
        try {
            if (fillingEvents == 0 && full.isEmpty() && !flushSignalled && !stopping && nanos > 0) {
                threadWaiting = true;
                work.awaitNanos(nanos);
                threadWaiting = false;
            }
            flushSignalled = false;
        } finally {
            lock.unlock();
        }
    }

    /** The thread is done with frames: a bus acknowledged them, or they are in the spool. */
    void release(long bytes, long events) {
        lock.lock();
        try {
            heldBytes -= bytes;
            heldEvents -= events;
        } finally {
            lock.unlock();
        }
    }

    /** Returns once every event accepted before the call is flushed, or false after the timeout. */
    boolean awaitFlush(long timeoutNanos) throws InterruptedException {
        lock.lock();
        try {
            long target = accepted;
            flushRequested = Math.max(flushRequested, target);
            flushSignalled = true;
            work.signal();
            long left = timeoutNanos;
            while (flushedThrough < target) {
                if (left <= 0 || failedThrough >= target) {
                    return false;
                }
                left = flushed.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The newest event a flusher waits for, or 0 when none waits beyond what is flushed. */
    long flushRequested() {
        lock.lock();
        try {
            return flushRequested > Math.max(flushedThrough, failedThrough) ? flushRequested : 0;
        } finally {
            lock.unlock();
        }
    }

    void flushedThrough(long event) {
        lock.lock();
        try {
            flushedThrough = Math.max(flushedThrough, event);
            flushed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Ends every flush waiting now with false: what it waits for cannot be stored (a spool that fails to write). */
    void failFlushes() {
        lock.lock();
        try {
            failedThrough = Math.max(failedThrough, flushRequested);
            flushed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void stop() {
        lock.lock();
        try {
            stopping = true;
            work.signal();
        } finally {
            lock.unlock();
        }
    }

    boolean stopping() {
        lock.lock();
        try {
            return stopping;
        } finally {
            lock.unlock();
        }
    }

    /** Counts frames the thread gave up on at the stop. */
    void lost(long events) {
        lock.lock();
        try {
            dropped += events;
        } finally {
            lock.unlock();
        }
    }

    /** A consistent view: bytes and events held, accepted and dropped ever. */
    record Counts(long heldBytes, long heldEvents, long accepted, long dropped) {
    }

    Counts counts() {
        lock.lock();
        try {
            return new Counts(heldBytes, heldEvents, accepted, dropped);
        } finally {
            lock.unlock();
        }
    }

    long capBytes() {
        return capBytes;
    }

    /** Whether frames wait to be taken; the thread asks before it sleeps. */
    boolean hasFrames() {
        lock.lock();
        try {
            return fillingEvents > 0 || !full.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    private void sealFilling() {
        full.addLast(new Chunk(filling.array(), filling.size(), fillingEvents));
        filling = new ByteSink(batchBytes + 4096);
        fillingEvents = 0;
    }

    static long nanos(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
