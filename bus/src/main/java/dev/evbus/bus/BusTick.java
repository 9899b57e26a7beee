package dev.evbus.bus;

import dev.evbus.bus.log.RetentionLog;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The bus's once-a-second jobs, on one thread until the bus stops: age the log (the retention's
 * max_age), save the cursors that moved, and take in spool files that publishers left since.
 */
final class BusTick {
    private static final Duration PERIOD = Duration.ofSeconds(1);

    private final RetentionLog events;
    private final Cursors cursors;
    private final SpoolIntake spool;

    BusTick(RetentionLog events, Cursors cursors, SpoolIntake spool) {
        this.events = events;
        this.cursors = cursors;
        this.spool = spool;
    }

    /** Every {@link #PERIOD} until {@code stopping}; an interrupt ends it too. */
    void run(BooleanSupplier stopping) {
        while (!stopping.getAsBoolean()) {
            try {
                Thread.sleep(PERIOD);
            } catch (InterruptedException e) {
                return;
            }
            once();
        }
    }

    /** One round of the jobs. */
    void once() {
        events.expire();
        cursors.persist();
        LogUpkeep.takeSpool(spool, events);
    }
}
