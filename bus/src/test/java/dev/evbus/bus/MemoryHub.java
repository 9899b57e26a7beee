package dev.evbus.bus;

import dev.evbus.bus.log.LogStorage;
import dev.evbus.bus.log.RetentionLog;
import dev.evbus.event.DedupFilter;
import dev.evbus.event.Retention;
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
        try {
            events = RetentionLog.open(Retention.DEFAULTS, LogStorage.MEMORY, TimeSource.system());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        hub = new Hub(new DedupFilter(), new BusCleanups(last -> { }, log, Duration.ofSeconds(60), TimeSource.system()), log, events,
                new Cursors(Cursors.Store.NONE, TimeSource.system()), TimeSource.system());
    }

    String logText() {
        return logged.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        events.close();
    }
}
