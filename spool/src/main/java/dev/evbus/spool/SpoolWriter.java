package dev.evbus.spool;

import dev.evbus.event.TimeSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Appends frames to this process's spool files, rolling to a new file past a size, and keeps
 * every file it wrote locked until it is deleted (handed over) or the writer closes. Only the
 * newest file can hold bytes not yet on disk: a file is forced when it is rolled away from.
 * Not thread-safe: one thread owns it.
 */
public final class SpoolWriter implements AutoCloseable {
    public static final long DEFAULT_MAX_FILE_BYTES = 16L * 1024 * 1024;

    private final SpoolDirectory directory;
    private final long maxFileBytes;
    private final TimeSource clock;
    /** Owned files, oldest first; the last one takes appends unless sealed. */
    private final Deque<SpoolFile> files = new ArrayDeque<>();
    private boolean sealed;
    private boolean unsynced;
    private long bytes;
    private long events;

    public SpoolWriter(SpoolDirectory directory, long maxFileBytes, TimeSource clock) {
        this.directory = directory;
        this.maxFileBytes = maxFileBytes;
        this.clock = clock;
    }

    /** The directory this writer's files go to. */
    public Path directory() {
        return directory.dir();
    }

    /** Appends whole frames ({@code count} of them); a batch is never split across files. */
    public void append(byte[] frames, int offset, int length, int count) throws IOException {
        SpoolFile current = files.peekLast();
        if (current != null && !sealed && current.bytes() > 0 && current.bytes() + length > maxFileBytes) {
            seal();
        }
        if (current == null || sealed) {
            current = directory.create(clock.millis());
            files.addLast(current);
            sealed = false;
        }
        current.append(frames, offset, length, count);
        unsynced = true;
        bytes += length;
        events += count;
    }

    /** Forces everything appended so far onto the disk. */
    public void sync() throws IOException {
        SpoolFile current = files.peekLast();
        if (unsynced && current != null) {
            current.sync();
        }
        unsynced = false;
    }

    /** Syncs, and makes the next append start a new file, so the files so far can be handed over whole. */
    public void seal() throws IOException {
        sync();
        sealed = true;
    }

    /** The oldest file this writer owns, or null. */
    public SpoolFile oldest() {
        return files.peekFirst();
    }

    /** Deletes a file of this writer once its events are safe elsewhere. */
    public void delete(SpoolFile file) throws IOException {
        if (file == files.peekLast()) {
            sealed = true; // appends must never go to an older file
        }
        if (!files.remove(file)) {
            throw new IllegalArgumentException("not a file of this writer: " + file);
        }
        bytes -= file.bytes();
        events -= file.events();
        file.delete();
    }

    /** Bytes in the files this writer owns. */
    public long bytes() {
        return bytes;
    }

    /** Events in the files this writer owns. */
    public long events() {
        return events;
    }

    /** Syncs and gives up every file, leaving them for the next bus. */
    @Override
    public void close() throws IOException {
        IOException failure = null;
        try {
            sync();
        } catch (IOException e) {
            failure = e;
        }
        for (SpoolFile file : files) {
            try {
                file.release();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        files.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
