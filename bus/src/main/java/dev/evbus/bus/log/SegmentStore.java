package dev.evbus.bus.log;

import dev.evbus.config.AppPaths;
import dev.evbus.config.Retention;
import dev.evbus.event.TimeSource;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * The durable log ({@code "retention": {"durable": true}}): each chunk is mirrored in one segment
 * file under {@link AppPaths#logDir()}, {@code <base offset, 20 digits>.seg}, holding exactly the
 * chunk's record bytes, written and fsynced by one {@link SegmentFlusher} thread with group
 * commit. The log's calls into this class happen under its append lock and only queue work.
 *
 * <p>Directory 0700, files 0600. Next offset: see {@link SegmentRecovery} and {@link SegmentFlusher}.
 */
public final class SegmentStore implements LogStorage {
    private final SegmentFiles files;
    private final Retention retention;
    private final Consumer<String> warn;
    /** Set once by {@link #recover}, which the log calls before any other method; volatile for the threads that append. */
    private volatile SegmentFlusher flusher;
    /** Times the flusher's back-off and its patience at close. */
    private final TimeSource clock;

    private SegmentStore(SegmentFiles files, Retention retention, Consumer<String> warn, TimeSource clock) {
        this.files = files;
        this.retention = retention;
        this.warn = warn;
        this.clock = clock;
    }

    /**
     * A store over the app's log directory, created (0700) if missing. {@code warn} gets one
     * line per problem (damaged records, a failing disk); untrusted parts come quoted.
     */
    public static SegmentStore open(AppPaths paths, Retention retention, Consumer<String> warn, TimeSource clock)
            throws IOException {
        SegmentFiles files = new SegmentFiles(paths.logDir());
        files.ensureDirectory();
        return new SegmentStore(files, retention, warn, clock);
    }

    @Override
    public boolean durable() {
        return true;
    }

    @Override
    public Recovery recover(TypeTable types) throws IOException {
        if (flusher != null) {
            throw new IllegalStateException("a segment store is recovered once");
        }
        SegmentRecovery.Contents contents = new SegmentRecovery(files, warn).recover(retention.maxBytes(), types);
        SegmentFlusher started = new SegmentFlusher(files, warn, contents, clock);
        started.start();
        flusher = started;
        List<Chunk> chunks = contents.chunks().stream().map(SegmentRecovery.Recovered::chunk).toList();
        return new Recovery(chunks, contents.nextOffset());
    }

    @Override
    public void chunkStarted(Chunk chunk) {
        flusher.submit(new SegmentFlusher.Started(chunk));
    }

    @Override
    public void appended() {
        flusher.appended();
    }

    @Override
    public void evicted(Chunk chunk) {
        flusher.submit(new SegmentFlusher.Evicted(chunk));
    }

    @Override
    public long storedOffset(long appendedEnd) {
        return Math.min(appendedEnd - 1, flusher.stored().get());
    }

    @Override
    public boolean awaitStored(long offset, long timeoutNanos) throws InterruptedException {
        return flusher.stored().await(offset, timeoutNanos);
    }

    @Override
    public String failure() {
        SegmentFlusher running = flusher;
        return running == null ? null : running.failure();
    }

    /** Flushes and forces everything published, then stops the flusher thread. */
    @Override
    public void close() {
        SegmentFlusher running = flusher;
        if (running != null) {
            running.close();
        }
    }

    /** fsyncs of segment data so far, for tests of group commit. */
    long forces() {
        return flusher.forces();
    }
}
