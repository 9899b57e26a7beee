package dev.evbus.bus;

import dev.evbus.protocol.EventFrame;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One consumer's bounded queue of event frames. Full means the consumer is behind: the oldest
 * frame is dropped and counted, so the publisher never waits for a slow reader. Each frame gets
 * its seq here, at enqueue, so a dropped frame leaves a visible gap in the consumer's seqs.
 */
final class SendQueue {
    /** Guards every field below: the publisher thread offers, the writer thread drains. */
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final EventFrame[] frames;
    private final long[] seqs;
    private int head;
    private int size;
    private long nextSeq = 1;
    private long dropped;
    private boolean closed;

    SendQueue(int capacity) {
        frames = new EventFrame[capacity];
        seqs = new long[capacity];
    }

    /**
     * Queues one event frame without waking the writer: a publisher holding a burst wakes each
     * writer once, at the end of what it has read ({@link #wake}), not once per event. Returns
     * true when the queue was empty before, so the writer may be asleep and needs that wake.
     */
    boolean offer(EventFrame frame) {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            if (size == frames.length) {
                frames[head] = null;
                head = (head + 1) % frames.length;
                size--;
                dropped++;
            }
            int tail = (head + size) % frames.length;
            frames[tail] = frame;
            seqs[tail] = nextSeq++;
            size++;
            return size == 1;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes the writer if anything is queued. */
    void wake() {
        lock.lock();
        try {
            if (size > 0) {
                notEmpty.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Waits for frames and moves all of them into the batch; returns how many, 0 once closed. */
    int drainTo(Batch batch) throws InterruptedException {
        lock.lock();
        try {
            while (size == 0 && !closed) {
                notEmpty.await();
            }
            int count = size;
            batch.ensure(count);
            for (int i = 0; i < count; i++) {
                int index = (head + i) % frames.length;
                batch.frames[i] = frames[index];
                batch.seqs[i] = seqs[index];
                frames[index] = null;
            }
            batch.size = count;
            head = (head + count) % frames.length;
            size = 0;
            return count;
        } finally {
            lock.unlock();
        }
    }

    long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    void close() {
        lock.lock();
        try {
            closed = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The writer's reusable holding area for one drain. */
    static final class Batch {
        EventFrame[] frames = new EventFrame[0];
        long[] seqs = new long[0];
        int size;

        private void ensure(int count) {
            if (frames.length < count) {
                frames = new EventFrame[count];
                seqs = new long[count];
            }
        }
    }
}
