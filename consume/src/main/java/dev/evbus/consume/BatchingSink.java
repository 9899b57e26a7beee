package dev.evbus.consume;

import dev.evbus.event.TimeSource;
import java.io.IOException;
import java.util.ArrayDeque;

/**
 * {@code --batch N} / {@code --batch-window DURATION}: collects output events into one JSON array
 * per batch and hands each array to the real sink as one document (one stdout line, or one file).
 * A batch closes when it holds N events or when the window has passed since its first event
 * (checked by {@link #tick}), and at the end of the stream. Not thread-safe: the shaper calls it
 * under its sink lock.
 */
final class BatchingSink implements Sink {
    private final Sink inner;
    private final int maxEvents;
    private final long windowNanos;
    private final TimeSource clock;
    private byte[] batch = new byte[4096];
    private int size;
    private int count;
    private long openedAt;
    /** Events per batch handed to the inner sink, oldest first, until the inner sink says they left. */
    private final ArrayDeque<Integer> pending = new ArrayDeque<>();
    private long batchesSeen;
    private long delivered;

    /**
     * @param maxEvents   events per batch, or 0 for no size limit
     * @param windowNanos the longest a batch stays open, or 0 for no time limit
     */
    BatchingSink(Sink inner, int maxEvents, long windowNanos, TimeSource clock) {
        this.inner = inner;
        this.maxEvents = maxEvents;
        this.windowNanos = windowNanos;
        this.clock = clock;
    }

    @Override
    public void write(byte[] json, int offset, int length) throws IOException {
        ensure(size + length + 2);
        batch[size++] = (byte) (count == 0 ? '[' : ',');
        if (count == 0) {
            openedAt = clock.nanoTime();
        }
        System.arraycopy(json, offset, batch, size, length);
        size += length;
        count++;
        if (maxEvents > 0 && count >= maxEvents) {
            emit();
        }
    }

    /** Closes the open batch when its window has passed. */
    void tick() throws IOException {
        if (count > 0 && windowNanos > 0 && clock.nanoTime() - openedAt >= windowNanos) {
            emit();
            inner.flush();
        }
    }

    @Override
    public void flush() throws IOException {
        inner.flush();
    }

    /** Events in batches that have actually left (written to stdout or stored as files). */
    @Override
    public long delivered() {
        long left = inner.delivered();
        while (batchesSeen < left && !pending.isEmpty()) {
            delivered += pending.removeFirst();
            batchesSeen++;
        }
        return delivered;
    }

    @Override
    public void close() throws IOException {
        if (count > 0) {
            emit();
        }
        inner.close();
    }

    private void emit() throws IOException {
        batch[size++] = ']';
        int events = count;
        int length = size;
        size = 0;
        count = 0;
        pending.addLast(events);
        inner.write(batch, 0, length);
        if (batch.length > 1 << 20) {
            batch = new byte[4096]; // one huge batch must not pin its buffer for the consumer's life
        }
    }

    private void ensure(int capacity) {
        if (capacity > batch.length) {
            batch = java.util.Arrays.copyOf(batch, Math.max(capacity, batch.length * 2));
        }
    }
}
