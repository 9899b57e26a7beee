package dev.evbus.bus;

import dev.evbus.bus.log.LogState;
import dev.evbus.bus.log.LogStorage;
import dev.evbus.bus.log.RetentionLog;
import dev.evbus.bus.log.SegmentStore;
import dev.evbus.config.AppPaths;
import dev.evbus.config.DataSize;
import dev.evbus.config.Retention;
import dev.evbus.event.TimeSource;
import java.io.IOException;

/**
 * The retention log's start in a bus: opened (from its segments when durable) before the bus
 * listens, then given the spool files publishers left, oldest first; {@link BusTick} keeps it aged
 * and takes the spool files left later.
 */
final class LogUpkeep {
    private LogUpkeep() {
    }

    static RetentionLog open(Retention retention, AppPaths paths, BusLog log, Cursors cursors, TimeSource clock)
            throws IOException {
        LogStorage storage = retention.durable() ? SegmentStore.open(paths, retention, log::warn, clock) : LogStorage.MEMORY;
        RetentionLog events = RetentionLog.open(retention, storage, clock);
        // A cursor saved past what the disk kept (events sent but not synced before a crash) must
        // not point into offsets that new events would reuse: continue after it.
        events.continueAfter(cursors.highestOffset());
        LogState status = events.status();
        log.info("log: " + (retention.durable() ? "durable in " + paths.logDir() : "in memory") + ", max_bytes "
                + DataSize.format(retention.maxBytes()) + ", max_age " + retention.maxAge().toMillis() + " ms, "
                + status.events() + " event(s) retained, next offset " + (status.lastOffset() + 1));
        return events;
    }

    static void takeSpool(SpoolIntake spool, RetentionLog events) {
        try {
            if (spool.takeAll() > 0) {
                events.wakeReaders();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
