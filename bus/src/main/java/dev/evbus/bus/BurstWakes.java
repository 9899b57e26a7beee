package dev.evbus.bus;

/**
 * When one producer's stream wakes the log's readers (the consumers' writers): as soon as
 * everything it has read is appended, before its reader asks the socket for more, so a paced
 * producer's events leave at once; and within a burst that keeps the read buffer full, every
 * {@link #EVERY} events, so nobody waits for the burst's end. A wake-up costs a writer's unpark
 * and a smaller write: once per read buffer, not once per few dozen events. Not thread-safe: the
 * producer's reading thread owns it.
 */
final class BurstWakes implements Runnable {
    /** About a 64 KiB read buffer of 250-byte frames: one wake-up a read, under a millisecond of work apart. */
    static final int EVERY = 256;

    /** Wakes the log's readers ({@code RetentionLog::wakeReaders}). */
    private final Runnable wake;
    private int unwoken;

    BurstWakes(Runnable wake) {
        this.wake = wake;
    }

    /** One more event is in the log. */
    void appended() {
        if (++unwoken >= EVERY) {
            run();
        }
    }

    /** Wakes the readers if anything was appended since they were last woken. */
    @Override
    public void run() {
        if (unwoken > 0) {
            unwoken = 0;
            wake.run();
        }
    }
}
