package dev.evbus.bus;

import dev.evbus.bus.log.LogReader;
import dev.evbus.bus.log.LogStorage;
import dev.evbus.bus.log.RetentionLog;
import dev.evbus.config.Retention;
import dev.evbus.event.TimeSource;
import dev.evbus.protocol.ByteSink;
import dev.evbus.protocol.FrameCodec;
import dev.evbus.protocol.FrameException;
import dev.evbus.protocol.FrameReader;
import dev.evbus.protocol.Message;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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

    /** Every stored event, remote ones included, in log order, as a consumer of {@code *} gets them. */
    List<Message.Event> stored() throws IOException, FrameException {
        LogReader reader = events.openReader(List.of("*"), 1);
        ByteSink sink = new ByteSink(1024);
        while (reader.hasMore()) {
            reader.read(sink, 1 << 20);
        }
        events.closeReader(reader);
        List<Message.Event> read = new ArrayList<>();
        FrameReader frames = new FrameReader(new ByteArrayInputStream(sink.toByteArray()));
        while (frames.next()) {
            read.add((Message.Event) FrameCodec.decode(frames));
        }
        return read;
    }

    String logText() {
        return logged.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        events.close();
    }
}
