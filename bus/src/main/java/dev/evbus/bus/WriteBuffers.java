package dev.evbus.bus;

import dev.evbus.protocol.ByteSink;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * The buffers consumer writers assemble batches in, lent only while a writer has something to
 * write and given back before it waits for more: memory follows the writers at work, not the
 * consumers attached. A thousand idle consumers hold no buffer at all.
 */
final class WriteBuffers {
    /** What a writer takes from the log per write: big enough for the flat-out rate, small enough to lend. */
    static final int BATCH_BYTES = 256 * 1024;
    private static final int INITIAL_BYTES = 64 * 1024;
    /** A buffer that grew past this (one event near the 1 MiB frame limit) is dropped, not kept. */
    private static final int KEEP_AT_MOST_BYTES = 2 * BATCH_BYTES;

    /** Idle buffers; bounded, so a burst of writers leaves at most this many behind. */
    private final ArrayBlockingQueue<ByteSink> idle;

    WriteBuffers(int keep) {
        this.idle = new ArrayBlockingQueue<>(keep);
    }

    /** The pool's size follows the cores: that many writers copy at once; more only wait on sockets. */
    static WriteBuffers forThisMachine() {
        return new WriteBuffers(Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    ByteSink take() {
        ByteSink sink = idle.poll();
        if (sink == null) {
            return new ByteSink(INITIAL_BYTES);
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
