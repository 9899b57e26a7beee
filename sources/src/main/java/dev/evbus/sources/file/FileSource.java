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
    private static final long CLOSE_WAIT_MILLIS = 3_000;

    private final FileSourceConfig config;
    private final Path path;
    private final SourceListener listener;
    private final Consumer<String> log;
    private final Clock clock;
    private final LinePublisher lines;
    private final Batches batches;
    private final Resume resume;
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

    /** Set once by close(); the poller stops between batches when it sees it. */
    private volatile boolean closed;
    /** Set by start(), read by close(). */
    private volatile Thread poller;

    public FileSource(FileSourceConfig config, Path positionFile, Ingest ingest, SourceListener listener,
            Consumer<String> log) {
        // The machine's clock: SourceFactory's context lends no monotonic reading yet (decision 0035).
        this(config, positionFile, ingest, listener, log, Clock.systemUTC());
    }

    FileSource(FileSourceConfig config, Path positionFile, Ingest ingest, SourceListener listener,
            Consumer<String> log, Clock clock) {
        this.config = config;
        this.path = config.path();
        PositionFile positions = new PositionFile(positionFile);
        this.listener = listener;
        this.log = log;
        this.clock = clock;
        this.lines = new LinePublisher(config, ingest, clock, log);
        this.batches = new Batches(lines, positions, path, log, () -> closed);
        this.resume = new Resume(config, positions, batches, log);
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
            String why = fault instanceof Batches.NotTaken ? fault.getMessage()
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
            long offset = opened ? 0 : resume.offset(now, missingAtStart);
            if (closed || !open(now, offset)) { // closed: a rotated file may be unfinished; keep its saved position
                return;
            }
        } else if (now == null || !now.key().equals(key)) {
            batches.drain(channel, key, scanner, true);
            if (closed) {
                return; // the old file unfinished: its saved position lets the next run finish it
            }
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
            batches.save(key, 0);
        }
        int read = batches.drain(channel, key, scanner, false);
        if (state == SourceState.DISCONNECTED) { // a fault that passed: announced only once a read worked
            enter(SourceState.RECONNECTING, "reading " + quotedPath + " again");
            enter(SourceState.CONNECTED, "following " + quotedPath);
        } else if (read > 0 && state == SourceState.STALLED) {
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
        batches.save(key, offset);
        opened = true;
        lines.quietSince(clock.millis());
        if (state == SourceState.DISCONNECTED) {
            enter(SourceState.RECONNECTING, quotedPath + " is back");
        }
        enter(SourceState.CONNECTED, "following " + quotedPath);
        return true;
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
