package dev.evbus.consume;

import dev.evbus.event.TimeSource;
import dev.evbus.protocol.Message;
import dev.evbus.protocol.StatusParts;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Tells the bus how far a consumer with a named cursor has written its output: after a flush,
 * at most every {@link #INTERVAL_NANOS}, and once more when it leaves. A consumer killed between
 * two commits gets the events since the last one again from its next run (at least once).
 */
final class CursorCommits {
    private static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final boolean enabled;
    private final Consumer<Message> send;
    /** The pipeline's totals to send along (null for a key without a pipeline): the bus shows them. */
    private final Supplier<StatusParts.PipelineCounts> counts;
    /** The newest offset handed to the sink; raised by the reader or any worker thread. */
    private final AtomicLong delivered = new AtomicLong();
    /** Guarded by this object's monitor. */
    private long committed;
    private long lastCommitAt;
    private final TimeSource clock;

    CursorCommits(boolean enabled, Consumer<Message> send, Supplier<StatusParts.PipelineCounts> counts, TimeSource clock) {
        this.enabled = enabled;
        this.send = send;
        this.counts = counts;
        this.clock = clock;
        this.lastCommitAt = clock.nanoTime();
    }

    /** The event at {@code offset} went to the sink (or was filtered out: it is done with either way). */
    void delivered(long offset) {
        if (enabled && offset > 0) {
            delivered.accumulateAndGet(offset, Math::max);
        }
    }

    /** The sink was flushed: what was delivered so far is written out and may be committed. */
    synchronized void flushed(boolean leaving) {
        long done = delivered.get();
        long now = clock.nanoTime();
        if (enabled && done > committed && (leaving || now - lastCommitAt >= INTERVAL_NANOS)) {
            send.accept(new Message.Commit(done, counts.get()));
            committed = done;
            lastCommitAt = now;
        }
    }
}
