package dev.evbus.bus.log;

import dev.evbus.config.AppPaths;
import dev.evbus.config.Retention;
import dev.evbus.event.ManualTime;
import dev.evbus.event.TimeSource;
import dev.evbus.protocol.ByteSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A durable log in a temp directory, with a clock the test moves and the warnings it logged. */
final class DurableLogFixture implements AutoCloseable {
    static final Retention RETENTION = new Retention(16L << 20, Duration.ofMinutes(10), true);

    final AppPaths paths;
    final List<String> warnings = new CopyOnWriteArrayList<>();
    final ManualTime clock = new ManualTime(Instant.ofEpochMilli(1_700_000_000_000L));
    Retention retention = RETENTION;
    SegmentStore store;
    RetentionLog log;

    DurableLogFixture(Path home) {
        this.paths = new AppPaths("test", home.resolve("events").resolve("test"));
    }

    RetentionLog open() throws IOException {
        // The flusher's back-off and close patience are real waits: on the manual clock they would never end.
        store = SegmentStore.open(paths, retention, warnings::add, TimeSource.system());
        log = RetentionLog.open(retention, store, clock);
        return log;
    }

    RetentionLog reopen() throws IOException {
        close();
        return open();
    }

    /** Appends an event whose payload is a JSON string of about {@code size} bytes; returns its offset. */
    long append(int n, int size) {
        byte[] payload = payload(n, size);
        return log.append("order.created", "id-" + n, "2024-01-01T00:00:00Z", payload, 0, payload.length);
    }

    static byte[] payload(int n, int size) {
        StringBuilder text = new StringBuilder("\"event ").append(n).append(' ');
        while (text.length() < size - 1) {
            text.append((char) ('a' + text.length() % 26));
        }
        return text.append('"').toString().getBytes(StandardCharsets.UTF_8);
    }

    void awaitStored(long offset) throws InterruptedException {
        if (!log.stored().awaitStored(offset + 1, 30, TimeUnit.SECONDS)) {
            throw new AssertionError("offset " + offset + " not stored within 30 s");
        }
    }

    /** Every retained frame, as a new consumer of all types reads them from the start. */
    List<String> frames() {
        LogReader reader = log.openReader(List.of("*"), 0);
        try {
            ByteSink sink = new ByteSink(1 << 16);
            while (reader.read(sink, 1 << 16) > 0) {
                // keep reading until the reader reaches the log's end
            }
            String all = new String(sink.array(), 0, sink.size(), StandardCharsets.UTF_8);
            return all.isEmpty() ? List.of() : Arrays.asList(all.split("\n"));
        } finally {
            log.closeReader(reader);
        }
    }

    Path logDir() {
        return paths.logDir();
    }

    List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(logDir())) {
            return files.filter(file -> SegmentFiles.parse(file.getFileName().toString()) >= 0).sorted().toList();
        }
    }

    /** Where each record of a segment file starts. */
    static List<Integer> recordStarts(byte[] data) {
        List<Integer> starts = new ArrayList<>();
        for (int at = 0; at < data.length; at += RecordFormat.totalLength(data, at)) {
            starts.add(at);
        }
        return starts;
    }

    @Override
    public void close() {
        if (log != null) {
            log.close();
            log = null;
        }
    }
}
