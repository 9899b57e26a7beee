package dev.evbus.bus.log;

import dev.evbus.event.TimeSource;
import java.io.IOException;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The one thread that writes segment files: group commit. Appenders only raise a flag (and
 * unpark the thread if it sleeps); each round the thread writes everything published since the
 * last round, forces once, and then moves the stored offset. Under load a round takes in all
 * that arrived during the previous fsync, so many appends share one fsync.
 *
 * <p>Every file operation happens on this thread, in the order the log asked for it: the log's
 * calls only queue a {@link Command}. An I/O error is reported once, then retried with backoff
 * until it works; meanwhile the stored offset stands still, so acks wait instead of lying.
 *
 * <p>Offsets are never reused: when the newest chunk falls off retention, an empty segment named
 * by its end offset is created (and made durable) before the chunk's file is deleted, and
 * recovery takes the next offset to be at least the newest file's base offset.
 */
final class SegmentFlusher {
    private static final long FIRST_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** How long close() keeps retrying a failing disk before it gives up on the rest. */
    private static final long CLOSE_PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(5);

    sealed interface Command {
    }

    record Started(Chunk chunk) implements Command {
    }

    record Evicted(Chunk chunk) implements Command {
    }

    private final SegmentFiles files;
    private final Consumer<String> warn;
    private final Watermark stored;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Command> commands = new ConcurrentLinkedQueue<>();
    /** Raised by appenders, cleared by the flusher before it looks at the chunks (see {@link #run}). */
    private volatile boolean pending;
    /** True while the flusher is about to park or parked; appenders unpark it only then. */
    private volatile boolean parked;
    private volatile boolean closing;
    /** fsyncs of segment data; written by the flusher only. */
    private volatile long forces;

    // Flusher thread only (set up before the thread starts).
    private SegmentWriter current;
    /** The newest chunk the flusher knows, whose end offset a marker must keep when it goes. */
    private Chunk newest;
    private final Map<Chunk, Long> segmentOf = new IdentityHashMap<>();
    /** Live chunks per segment file: a recovered file may hold several, and goes with the last. */
    private final Map<Long, Integer> liveChunks = new HashMap<>();
    /** The empty segment that only carries the next offset, or -1. */
    private long markerBase;
    private boolean failing;
    /** While writing fails: the directory and the OS's reason, for producers waiting on a synced ack. */
    private volatile String failureReason;
    private final TimeSource clock;
    /** The last offset this thread made durable; published to {@link #stored} after each round. */
    private long reached;

    SegmentFlusher(SegmentFiles files, Consumer<String> warn, SegmentRecovery.Contents recovered, TimeSource clock) {
        this.files = files;
        this.clock = clock;
        this.warn = warn;
        this.stored = new Watermark(recovered.nextOffset() - 1);
        this.markerBase = recovered.markerBase();
        List<SegmentRecovery.Recovered> chunks = recovered.chunks();
        for (SegmentRecovery.Recovered chunk : chunks) {
            if (chunk.segmentBase() == SegmentRecovery.NO_FILE) {
                continue;
            }
            segmentOf.put(chunk.chunk(), chunk.segmentBase());
            liveChunks.merge(chunk.segmentBase(), 1, Integer::sum);
        }
        this.newest = chunks.isEmpty() ? null : chunks.getLast().chunk();
        this.thread = Thread.ofPlatform().name("evbus-log-flusher").daemon().unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    Watermark stored() {
        return stored;
    }

    long forces() {
        return forces;
    }

    /** Appender side: cheap, no lock (two volatile accesses, an unpark only when the flusher sleeps). */
    void appended() {
        pending = true;
        if (parked) {
            LockSupport.unpark(thread);
        }
    }

    void submit(Command command) {
        commands.add(command);
        appended();
    }

    /** Why writing the segments fails right now, or null while it works. */
    String failure() {
        return failureReason;
    }

    /** Writes and forces everything published so far, then stops the thread. */
    void close() {
        closing = true;
        LockSupport.unpark(thread);
        try {
            thread.join();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        stored.close();
    }

    private void run() {
        long backoff = FIRST_BACKOFF_NANOS;
        long giveUpAt = 0;
        while (true) {
            pending = false; // before looking: a later append raises it again and gets another round
            boolean last = closing;
            try {
                round();
                if (failing) {
                    failing = false;
                    failureReason = null;
                    warn.accept("log: writing segment files in " + SegmentFiles.quoted(files.dir()) + " works again");
                }
                stored.advance(reached);
                backoff = FIRST_BACKOFF_NANOS;
            } catch (IOException | RuntimeException failure) { // a dead flusher would hold every ack back silently
                if (current != null) {
                    current.rewind();
                }
                if (!failing) {
                    failing = true;
                    failureReason = "cannot write segment files in " + SegmentFiles.quoted(files.dir()) + ": "
                            + SegmentFiles.reason(failure);
                    warn.accept("log: cannot write segment files in " + SegmentFiles.quoted(files.dir()) + ": "
                            + SegmentFiles.reason(failure) + "; retrying, acks wait until the events are on disk");
                }
                stored.advance(reached); // what the round did store before it failed
                if (last) {
                    giveUpAt = giveUpAt == 0 ? clock.nanoTime() + CLOSE_PATIENCE_NANOS : giveUpAt;
                    if (clock.nanoTime() - giveUpAt > 0) {
                        warn.accept("log: closed with offsets after " + stored.get() + " not on disk");
                        break;
                    }
                }
                pause(backoff);
                backoff = Math.min(MAX_BACKOFF_NANOS, backoff * 2);
                continue;
            }
            if (last) {
                break; // everything published before close() was asked for is on disk
            }
            sleepUntilWork();
        }
        if (current != null) {
            current.close();
        }
    }

    /** One group commit: the queued file operations in order, then the tail's new records, one force. */
    private void round() throws IOException {
        for (Command command = commands.peek(); command != null; command = commands.peek()) {
            switch (command) {
                case Started started -> start(started.chunk());
                case Evicted evicted -> evict(evicted.chunk());
            }
            commands.poll(); // only once done: a failed command is retried whole, and each step is idempotent
        }
        if (current != null && current.writePublished()) {
            reached = Math.max(reached, current.force());
            forces++;
        }
    }

    private void start(Chunk chunk) throws IOException {
        if (current != null && current.chunk() != chunk) {
            if (current.writePublished()) {
                reached = Math.max(reached, current.force()); // before the new file gets any data
                forces++;
            }
            current.close();
            current = null;
        }
        if (current == null) {
            current = new SegmentWriter(chunk, files.create(chunk.baseOffset()));
            segmentOf.put(chunk, chunk.baseOffset());
            liveChunks.put(chunk.baseOffset(), 1);
            newest = chunk;
        }
        if (markerBase >= 0 && markerBase != chunk.baseOffset()) {
            files.delete(markerBase); // the new file now carries a later offset
        }
        markerBase = -1;
    }

    private void evict(Chunk chunk) throws IOException {
        if (current != null && current.chunk() == chunk) {
            current.close(); // whatever it did not write yet has left retention anyway
            current = null;
        }
        Long segment = segmentOf.get(chunk);
        if (segment != null && liveChunks.getOrDefault(segment, 0) <= 1) {
            if (chunk == newest) {
                files.createEmpty(chunk.endOffset()); // before the delete, so a crash between keeps the offset
                markerBase = chunk.endOffset();
            }
            files.delete(segment);
            liveChunks.remove(segment);
        } else if (segment != null) {
            liveChunks.merge(segment, -1, Integer::sum);
        }
        segmentOf.remove(chunk);
        // Offsets that left retention count as stored: no disk would give them back either.
        reached = Math.max(reached, chunk.endOffset() - 1);
    }

    private void sleepUntilWork() {
        parked = true;
        while (!pending && !closing && commands.isEmpty()) {
            LockSupport.park(this);
        }
        parked = false;
    }

    /** Waits out a backoff; appends and close do not cut it short (close waits at most one more). */
    private void pause(long nanos) {
        long until = clock.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = until - clock.nanoTime()) {
            LockSupport.parkNanos(this, left);
        }
    }
}
