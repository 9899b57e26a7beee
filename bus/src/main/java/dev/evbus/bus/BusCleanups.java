package dev.evbus.bus;

import dev.evbus.event.TimeSource;
import dev.evbus.protocol.JsonText;
import dev.evbus.protocol.Message;
import java.time.Duration;

/**
 * Runs the cleanups the bus does itself, for subscriptions whose last consumer vanished without
 * finishing its own, each on a thread of its own. A cleanup that outlives its time limit is
 * logged and interrupted, but it is over only when its thread really ends: only then is
 * {@code ended} told, so the subscription stays locked, and the bus busy, until then.
 */
final class BusCleanups {
    static final Duration DEFAULT_LIMIT = Duration.ofSeconds(60);

    private final BusCleanup cleanup;
    private final BusLog log;
    private final TimeSource clock;
    private final Duration limit;

    BusCleanups(BusCleanup cleanup, BusLog log, Duration limit, TimeSource clock) {
        this.cleanup = cleanup;
        this.log = log;
        this.limit = limit;
        this.clock = clock;
    }

    /** How long a cleanup runs before it is interrupted. */
    Duration limit() {
        return limit;
    }

    /**
     * Starts the cleanup of generation {@code generation}, as {@code lastConsumer} would have run
     * it; {@code ended} runs once, on another thread, when the cleanup's thread has ended.
     */
    void start(long generation, Message.Hello lastConsumer, Runnable ended) {
        String subscription = JsonText.quote(lastConsumer.subscriptionId());
        log.info("last consumer of subscription " + subscription + " left without cleanup; running cleanup of key "
                + JsonText.quote(lastConsumer.eventKey()) + " (generation " + generation + ", params of pid "
                + lastConsumer.pid() + ")");
        Thread worker = Thread.ofVirtual().name("evbus-cleanup").unstarted(() -> cleanup.run(lastConsumer));
        Thread.ofVirtual().name("evbus-cleanup-watch").start(() -> {
            worker.start();
            try {
                if (!joinQuietly(worker, limit)) {
                    log.warn("cleanup of subscription " + subscription + " still running after " + limit.toMillis()
                            + " ms; interrupting it, and keeping the subscription locked until it ends");
                    worker.interrupt();
                    while (!joinQuietly(worker, limit)) {
                        log.warn("cleanup of subscription " + subscription + " still has not ended");
                    }
                    log.info("cleanup of subscription " + subscription + " ended after its time limit");
                }
            } finally {
                ended.run();
            }
        });
    }

    /** Whether the thread ended within {@code patience}; the watcher has nothing to be interrupted for. */
    private boolean joinQuietly(Thread thread, Duration patience) {
        long deadline = clock.nanoTime() + patience.toNanos();
        while (true) {
            try {
                return thread.join(Duration.ofNanos(Math.max(1, deadline - clock.nanoTime())));
            } catch (InterruptedException ignored) {
                // nobody interrupts the watcher; keep waiting
            }
        }
    }
}
