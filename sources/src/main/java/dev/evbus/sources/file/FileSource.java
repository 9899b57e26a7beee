package dev.evbus.sources.file;

import dev.evbus.protocol.JsonText;
import dev.evbus.sources.Ingest;
import dev.evbus.sources.Source;
import dev.evbus.sources.SourceListener;
import dev.evbus.sources.SourceReport;
import dev.evbus.sources.SourceState;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Follows an NDJSON file like {@code tail -F}: appends are published as they arrive, a rotation
 * (the path names a new file) finishes the old file and starts the new one at 0, a truncation
 * restarts at 0, a missing file is waited for, and the position is saved after each batch of lines
 * the bus took, so a restart resumes there (at-least-once: a crash between a publish and the save
 * repeats those lines, which the bus's dedup window absorbs for events with ids).
 *
 * <p>Concurrency: one virtual thread polls every {@code poll_interval}; {@link #pollOnce} is
 * synchronized, so that thread and a test calling it never overlap, and everything it touches is
 * confined to it. {@link #report} reads only volatile or atomic fields, from any thread.
 * {@link #close} stops the poller between batches and waits for it.
 */
public final class FileSource implements Source {
    public static final String NAME = "file";
    private static final int BATCH_LINES = 1000;
    private static final long CLOSE_WAIT_MILLIS = 3_000;

    private final FileSourceConfig config;
    private final Path path;
    private final PositionFile positions;
    private final SourceListener listener;
    private final Consumer<String> log;
    private final Clock clock;
    private final LinePublisher lines;
    private final String quotedPath;

    // Written by the poller, read by report() on any thread.
    private volatile SourceState state = SourceState.CONNECTING;
    private volatile String detail;
    // Poller only (guarded by this): the open file, its key, where we are in it.
    private FileChannel channel;
    private String key;
    private LineScanner scanner;
    private boolean opened;
    private boolean missingAtStart;

    private volatile boolean closed;
    private volatile Thread poller;

    public FileSource(FileSourceConfig config, Path positionFile, Ingest ingest, SourceListener listener,
            Consumer<String> log) {
        this(config, positionFile, ingest, listener, log, Clock.systemUTC());
    }

    FileSource(FileSourceConfig config, Path positionFile, Ingest ingest, SourceListener listener,
            Consumer<String> log, Clock clock) {
        this.config = config;
        this.path = config.path();
        this.positions = new PositionFile(positionFile);
        this.listener = listener;
        this.log = log;
        this.clock = clock;
        this.lines = new LinePublisher(config, ingest, clock, log);
        this.quotedPath = JsonText.quote(path.toString());
    }

    /** Where an app's file source keeps its position: {@code events/<app>/sources/file.pos}. */
    public static Path positionFileIn(Path appEventsDirectory) {
        return appEventsDirectory.resolve("sources").resolve("file.pos");
    }

    @Override
    public void start() {
        detail = "looking for " + quotedPath;
        listener.changed(NAME, SourceState.CONNECTING, detail);
        poller = Thread.ofVirtual().name("evbus-source-file").start(this::run);
    }

    private void run() {
        long interval = config.pollInterval().toNanos();
        while (!closed) {
            try {
                pollOnce();
            } catch (RuntimeException bug) {
                lines.fault();
                log.accept("file source: " + bug);
            }
            if (!closed) {
                LockSupport.parkNanos(interval); // close() unparks it
            }
        }
        synchronized (this) {
            closeChannel();
        }
    }

    /** One look at the file: follow what changed, publish the complete new lines, check for a stall. */
    synchronized void pollOnce() {
        if (closed) {
            return;
        }
        try {
            follow();
        } catch (IOException fault) {
            String why = fault instanceof NotTaken ? fault.getMessage()
                    : "cannot read " + quotedPath + ": " + fault.getMessage();
            if (state != SourceState.DISCONNECTED) {
                lines.fault();
                log.accept("file source: " + why + "; trying again");
            }
            enter(SourceState.DISCONNECTED, why);
            return;
        }
        Long quiet = config.stallAfter() == null ? null : config.stallAfter().toMillis();
        if (quiet != null && state == SourceState.CONNECTED && clock.millis() - lines.lastLineAt() >= quiet) {
            enter(SourceState.STALLED, "no new line for " + quiet + "ms");
        }
    }

    private void follow() throws IOException {
        FileIdentity now = FileIdentity.of(path);
        if (channel == null) {
            if (now == null) {
                missingAtStart |= !opened;
                if (state != SourceState.DISCONNECTED) {
                    log.accept("file source: waiting for " + quotedPath + " to appear");
                }
                enter(SourceState.DISCONNECTED, "waiting for " + quotedPath + " to appear");
                return;
            }
            if (!open(now, opened ? 0 : firstOffset(now))) {
                return;
            }
        } else if (now == null || !now.key().equals(key)) {
            drain(channel, key, scanner, true);
            closeChannel();
            if (now == null) {
                log.accept("file source: " + quotedPath + " is gone; waiting for it to reappear");
                enter(SourceState.DISCONNECTED, quotedPath + " is gone; waiting for it to reappear");
                return;
            }
            log.accept("file source: " + quotedPath + " was rotated; read the old file to its end, now the new one from its start");
            if (!open(now, 0)) {
                return;
            }
        } else if (channel.size() < scanner.scanned()) {
            log.accept("file source: " + quotedPath + " was truncated (now " + channel.size() + " bytes, was read to "
                    + scanner.scanned() + "); reading it again from its start");
            scanner.reset(0);
            save(key, 0);
        }
        if (state == SourceState.DISCONNECTED) {
            enter(SourceState.RECONNECTING, "reading " + quotedPath + " again");
            enter(SourceState.CONNECTED, "following " + quotedPath);
        }
        if (drain(channel, key, scanner, false) > 0 && state == SourceState.STALLED) {
            enter(SourceState.CONNECTED, "following " + quotedPath);
        }
    }

    /** Opens what the path names, from {@code offset}; false when it changed meanwhile (tried again next poll). */
    private boolean open(FileIdentity expected, long offset) throws IOException {
        FileChannel opening = FileChannel.open(path, StandardOpenOption.READ);
        FileIdentity now = FileIdentity.of(path);
        if (now == null || !now.key().equals(expected.key())) {
            opening.close();
            return false;
        }
        channel = opening;
        key = now.key();
        scanner = new LineScanner(config.maxLine(), offset);
        save(key, offset);
        opened = true;
        lines.quietSince(clock.millis());
        if (state == SourceState.DISCONNECTED) {
            enter(SourceState.RECONNECTING, quotedPath + " is back");
        }
        enter(SourceState.CONNECTED, "following " + quotedPath);
        return true;
    }

    /**
     * Where the file found at the first look starts being read: its saved position when it is the
     * same file; after the rest of the saved file when that was rotated away while the bus was down
     * (found beside it by its key); otherwise per {@code start_at} (a file that appears later: 0).
     */
    private long firstOffset(FileIdentity now) throws IOException {
        PositionFile.Saved saved = positions.load(log);
        if (saved != null && !saved.path().equals(path)) {
            log.accept("file source: its saved position is for " + JsonText.quote(saved.path().toString())
                    + ", not " + quotedPath + "; starting as for a file never seen");
            saved = null;
        }
        if (saved == null) {
            return config.startAt() == FileSourceConfig.StartAt.END && !missingAtStart ? now.size() : 0;
        }
        if (saved.fileKey().equals(now.key())) {
            if (saved.offset() <= now.size()) {
                return saved.offset();
            }
            log.accept("file source: " + quotedPath + " is shorter than its saved position " + saved.offset()
                    + " (truncated while the bus was down); reading it from its start");
            return 0;
        }
        Path rotated = FileIdentity.rotatedSibling(path, saved.fileKey());
        if (rotated == null) {
            log.accept("file source: " + quotedPath + " was replaced while the bus was down and the old file is not"
                    + " beside it; reading the new one from its start");
            return 0;
        }
        log.accept("file source: " + quotedPath + " was rotated while the bus was down; reading the rest of "
                + JsonText.quote(rotated.toString()) + " from byte " + saved.offset() + " first");
        try (FileChannel old = FileChannel.open(rotated, StandardOpenOption.READ)) {
            drain(old, saved.fileKey(), new LineScanner(config.maxLine(), saved.offset()), true);
        }
        return 0;
    }

    /** Publishes the complete lines up to the file's current end in batches, saving the position after each. */
    private int drain(FileChannel file, String fileKey, LineScanner from, boolean last) throws IOException {
        long end = file.size();
        int total = 0;
        while (!closed) {
            int count;
            try {
                count = from.scan(file, end, BATCH_LINES, last, lines);
            } catch (LinePublisher.Failed failed) {
                from.reset(failed.lineStart); // the bus did not take it: read it again next poll
                save(fileKey, failed.lineStart);
                throw new NotTaken("the bus did not take the line at byte " + failed.lineStart + ": " + failed.getMessage(), failed);
            } finally {
                lines.endBatch();
            }
            if (count == 0) {
                break;
            }
            total += count;
            save(fileKey, from.position());
        }
        return total;
    }

    /** The bus failed to take a valid line; it is read again on the next poll. */
    private static final class NotTaken extends IOException {
        NotTaken(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private void save(String fileKey, long offset) {
        try {
            positions.save(new PositionFile.Saved(path, fileKey, offset));
        } catch (IOException unsaved) {
            lines.fault();
            log.accept("file source: cannot save its position in " + JsonText.quote(positions.file().toString())
                    + ": " + unsaved + " (a restart would read those lines again)");
        }
    }

    private void enter(SourceState next, String why) {
        detail = why;
        if (next != state) {
            state = next;
            listener.changed(NAME, next, why);
        }
    }

    private void closeChannel() {
        FileChannel open = channel;
        channel = null;
        if (open != null) {
            try {
                open.close();
            } catch (IOException ignored) {
                // a read-only file: nothing to lose
            }
        }
    }

    @Override
    public SourceReport report() {
        return new SourceReport(NAME, NAME, path.toString(), state, lines.eventsIn(), lines.errors(),
                lines.lastEventAt(), detail);
    }

    /**
     * Stops the poller after its current batch and waits for it (it closes the file on its way out);
     * a poller still blocked in the bus after the wait finishes that batch, saves it and ends alone.
     */
    @Override
    public void close() {
        closed = true;
        Thread running = poller;
        if (running == null) {
            synchronized (this) {
                closeChannel();
            }
            return;
        }
        LockSupport.unpark(running);
        try {
            if (!running.join(Duration.ofMillis(CLOSE_WAIT_MILLIS))) {
                log.accept("file source: still publishing a batch after " + CLOSE_WAIT_MILLIS + "ms; it ends on its own");
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
