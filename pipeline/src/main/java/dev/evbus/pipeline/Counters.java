package dev.evbus.pipeline;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What a pipeline did with its events, for the consumer's exited line. Atomic because the
 * consumer's stop path reads them while the worker still runs.
 */
public final class Counters {
    private final AtomicLong in = new AtomicLong();
    private final AtomicLong out = new AtomicLong();
    private final AtomicLong filtered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();

    void countIn() { in.incrementAndGet(); }
    void countOut() { out.incrementAndGet(); }
    void countFiltered() { filtered.incrementAndGet(); }
    void countFailed() { failed.incrementAndGet(); }
    void countDeadLettered() { deadLettered.incrementAndGet(); }

    public long in() { return in.get(); }
    public long out() { return out.get(); }
    /** Items a stage dropped on purpose (filter, transform with no output, a custom stage's null). */
    public long filtered() { return filtered.get(); }
    /** Items a stage failed on and dropped (with a warning), including those dead-lettered. */
    public long failed() { return failed.get(); }
    public long deadLettered() { return deadLettered.get(); }
}
