package dev.evbus.bus;

import dev.evbus.bus.log.LogState;
import dev.evbus.bus.log.LogStorage;
import dev.evbus.bus.log.RetentionLog;
import dev.evbus.bus.log.SegmentStore;
import dev.evbus.config.AppPaths;
import dev.evbus.config.DataSize;
import dev.evbus.config.Retention;
import java.io.IOException;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The retention log's life in a bus: opened (from its segments when durable) before the bus
 * listens, then once a second aged, its moved cursors saved, and the spool files publishers left
 * taken in, until the bus stops.
 */
final class LogUpkeep {
    private static final Duration TICK = Duration.ofSeconds(1);

    private LogUpkeep() {
    }

    static RetentionLog open(Retention retention, AppPaths paths, BusLog log, Cursors cursors) throws IOException {
        LogStorage storage = retention.durable() ? SegmentStore.open(paths, retention, log::warn) : LogStorage.MEMORY;
        RetentionLog events = RetentionLog.open(retention, storage, System::currentTimeMillis);
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

    /** Once a second until {@code stopping}: age the log, save moved cursors, take spool files left since. */
    static void tick(RetentionLog events, Cursors cursors, SpoolIntake spool, BooleanSupplier stopping) {
        while (!stopping.getAsBoolean()) {
            try {
                Thread.sleep(TICK);
            } catch (InterruptedException e) {
                return;
            }
            events.expire();
            cursors.persist();
            takeSpool(spool, events);
        }
    }
}
