package dev.evbus.bus;

import dev.evbus.bus.log.LogStorage;
import dev.evbus.bus.log.RetentionLog;
import dev.evbus.config.Retention;
import dev.evbus.event.TimeSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A hub over an in-memory log, its bus log kept for assertions; closed after each test. */
final class MemoryHub implements AutoCloseable {
    final RetentionLog events;
    final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    final BusLog log = BusLog.to(new PrintStream(logged, true, StandardCharsets.UTF_8));
    final Hub hub;

    MemoryHub() {
        this(TimeSource.system());
    }

    /** {@code clock}: the bus's, which gives an event without a source time its time. */
    MemoryHub(TimeSource clock) {
        try {
            events = RetentionLog.open(Retention.DEFAULTS, LogStorage.MEMORY, clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        hub = new Hub(new DedupFilter(), new BusCleanups(last -> { }, log, Duration.ofSeconds(60), TimeSource.system()), log, events,
                new Cursors(Cursors.Store.NONE, clock), clock);
    }

    String logText() {
        return logged.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        events.close();
    }
}
