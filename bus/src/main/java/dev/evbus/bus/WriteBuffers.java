package dev.evbus.bus;

import dev.evbus.protocol.ByteSink;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The buffers consumer writers assemble batches in, lent only while a writer has something to
 * write and given back before it waits for more: memory follows the writers at work, not the
 * consumers attached. A thousand idle consumers hold no buffer at all.
 *
 * <p>A writer whose consumer stops reading keeps its buffer while its write blocks, so the batch
 * size shrinks as writers multiply: all of them blocked at once hold about {@link #BUDGET_BYTES}
 * (plus, each, at most one event past its batch). One consumer alone still gets 256 KiB writes.
 */
final class WriteBuffers {
    /** Batch bytes of all writers together, when every one of them is stuck on a full socket. */
    static final int BUDGET_BYTES = 16 * 1024 * 1024;
    static final int MAX_BATCH_BYTES = 256 * 1024;
    static final int MIN_BATCH_BYTES = 16 * 1024;
    /** A buffer that grew past this (one event near the 1 MiB frame limit) is dropped, not kept. */
    private static final int KEEP_AT_MOST_BYTES = 2 * MAX_BATCH_BYTES;

    /** Idle buffers; bounded, so a burst of writers leaves at most this many behind. */
    private final ArrayBlockingQueue<ByteSink> idle;
    /** Writers running, which sizes each one's batch. */
    private final AtomicInteger writers = new AtomicInteger();

    WriteBuffers(int keep) {
        this.idle = new ArrayBlockingQueue<>(keep);
    }

    /** The pool's size follows the cores: that many writers copy at once; more only wait on sockets. */
    static WriteBuffers forThisMachine() {
        return new WriteBuffers(Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    void writerStarted() {
        writers.incrementAndGet();
    }

    void writerEnded() {
        writers.decrementAndGet();
    }

    /** How much one writer takes from the log per write now. */
    int batchBytes() {
        return batchBytes(writers.get());
    }

    static int batchBytes(int writers) {
        return Math.clamp(BUDGET_BYTES / Math.max(1, writers), MIN_BATCH_BYTES, MAX_BATCH_BYTES);
    }

    ByteSink take(int batchBytes) {
        ByteSink sink = idle.poll();
        if (sink == null) {
            return new ByteSink(batchBytes + batchBytes / 8); // a batch ends past its size by one event
        }
        sink.reset();
        return sink;
    }

    void give(ByteSink sink) {
        if (sink.array().length <= KEEP_AT_MOST_BYTES) {
            idle.offer(sink);
        }
    }

    int idleCount() {
        return idle.size();
    }
}
