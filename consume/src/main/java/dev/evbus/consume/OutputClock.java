package dev.evbus.consume;

import dev.evbus.event.TimeSource;
import java.util.concurrent.TimeUnit;

/**
 * Wakes about every 100 ms so output that is due on time (a pipeline's closing window, a batch
 * whose window passed) leaves even when no event arrives. One virtual thread per consumer.
 */
final class OutputClock {
    private static final long PERIOD_MS = 100;

    private final Thread thread;
    private final TimeSource clock;
    /** Guarded by {@code this}: the clock waits on this monitor, so a stop wakes it without interrupting a tick. */
    private boolean stopped;

    private OutputClock(Runnable tick, TimeSource clock) {
        this.clock = clock;
        this.thread = Thread.ofVirtual().name("evbus-output-clock").unstarted(() -> run(tick));
    }

    static OutputClock start(Runnable tick, TimeSource clock) {
        OutputClock started = new OutputClock(tick, clock);
        started.thread.start();
        return started;
    }

    private void run(Runnable tick) {
        while (true) {
            synchronized (this) {
                long deadline = clock.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PERIOD_MS);
                long left = PERIOD_MS;
                while (!stopped && left > 0) {
                    try {
                        wait(left);
                    } catch (InterruptedException stop) {
                        return;
                    }
                    left = TimeUnit.NANOSECONDS.toMillis(deadline - clock.nanoTime());
                }
                if (stopped) {
                    return;
                }
            }
            tick.run();
        }
    }

    /**
     * Stops the clock and waits until a tick in progress has finished, without interrupting it (a
     * tick may be delivering to an HTTP endpoint); safe to call twice.
     */
    void stop() {
        synchronized (this) {
            stopped = true;
            notifyAll();
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
