package dev.evbus.bus.log;

import dev.evbus.protocol.ByteSink;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One consumer's place in the log, and the seq numbers it has handed out.
 *
 * <p>The position is the next offset to read. Only two parties move it: the reader's own thread,
 * after copying records, and the log's evictor, when the chunk under it falls off retention.
 * Both move it by compare-and-set from the value they started from, so whichever comes second
 * knows it: a reader whose copy lost the race throws the copy away, and the evictor counts as
 * dropped exactly the matching records the reader had not taken. Dropped events advance the seq
 * numbers too, so the consumer sees the loss as a gap.
 */
public final class LogReader {
    private final RetentionLog log;
    private final TypeFilter filter;
    /** Skips remote events: the bridge's reader, which must never export them again. */
    private final boolean localOnly;
    private final AtomicLong position;
    /** Drops the evictor counted since the reader last looked; folded into the seq numbers. */
    private final AtomicLong pendingDrops = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile String dropReason;
    /** Reader thread only. */
    private long nextSeq = 1;
    private Chunk current;
    /** The chunk this reader holds while it copies (see {@link Chunk#pin()}); null between reads. Reader thread only. */
    private Chunk pinned;

    LogReader(RetentionLog log, List<String> typePatterns, long start, boolean localOnly) {
        this.log = log;
        this.localOnly = localOnly;
        this.filter = new TypeFilter(typePatterns);
        this.position = new AtomicLong(start);
    }

    /** The next offset this reader will look at. */
    public long position() {
        return position.get();
    }

    public long dropped() {
        return dropped.get();
    }

    /** Why events were dropped ({@code retention.max_bytes} or {@code retention.max_age}), or null. */
    public String dropReason() {
        return dropReason;
    }

    /** True when the log has records at or past this reader's position. */
    public boolean hasMore() {
        return position.get() < log.endOffset();
    }

    /**
     * Copies the frames of matching records from the position on into {@code sink}, each with its
     * seq, until about {@code maxBytes} are there or the log's end; returns how many events it
     * copied. The position moves past every record looked at, matching or not.
     */
    public int read(ByteSink sink, int maxBytes) {
        while (true) {
            long from = position.get();
            nextSeq += pendingDrops.getAndSet(0);
            int sizeBefore = sink.size();
            long seqStart = nextSeq;
            long to = copy(from, sink, sizeBefore + maxBytes);
            if (to == from) {
                return 0;
            }
            if (position.compareAndSet(from, to)) {
                return (int) (nextSeq - seqStart);
            }
            // The evictor moved us on while we copied: what we copied was dropped and counted.
            sink.truncate(sizeBefore);
            nextSeq = seqStart;
        }
    }

    private long copy(long from, ByteSink sink, int limit) {
        try {
            return copyPinned(from, sink, limit);
        } finally {
            release();
        }
    }

    private long copyPinned(long from, ByteSink sink, int limit) {
        long offset = from;
        while (sink.size() < limit) {
            Chunk chunk = chunkFor(offset);
            if (chunk == null) {
                return offset;
            }
            int count = chunk.count();
            offset = Math.max(offset, chunk.baseOffset()); // over offsets that recovery found no record for
            int index = (int) (offset - chunk.baseOffset());
            if (index >= count) {
                return offset;
            }
            byte[] data = chunk.data();
            for (; index < count && sink.size() < limit; index++) {
                if (!wants(chunk, index)) {
                    continue;
                }
                int at = chunk.start(index);
                int frame = RecordFormat.frameStart(data, at);
                int seqAt = RecordFormat.seqAt(data, at);
                int end = at + RecordFormat.totalLength(data, at);
                sink.write(data, frame, seqAt);
                sink.writeDecimal(nextSeq++);
                sink.write(data, frame + seqAt, end - frame - seqAt);
            }
            offset = chunk.baseOffset() + index;
        }
        return offset;
    }

    private boolean wants(Chunk chunk, int index) {
        return filter.accepts(chunk, index) && !(localOnly && RecordFormat.remote(chunk.data(), chunk.start(index)));
    }

    /**
     * The chunk holding {@code offset}, pinned; null at the log's end, or when the chunk found was
     * evicted meanwhile: the evictor has then moved this reader's position on, and the next read
     * starts from there. The cached chunk is checked only once pinned, since an unpinned one may be
     * reused for newer offsets at any time.
     */
    private Chunk chunkFor(long offset) {
        Chunk chunk = current;
        if (chunk != null && hold(chunk) && offset >= chunk.baseOffset()
                && (offset < chunk.endOffset() || log.isTail(chunk))) {
            return chunk;
        }
        chunk = log.chunkFor(offset);
        current = chunk;
        return chunk != null && hold(chunk) ? chunk : null;
    }

    private boolean hold(Chunk chunk) {
        if (pinned == chunk) {
            return true;
        }
        release();
        if (!chunk.pin()) {
            return false;
        }
        pinned = chunk;
        return true;
    }

    private void release() {
        if (pinned != null) {
            pinned.unpin();
            pinned = null;
        }
    }

    /** Called by the evictor, under the log's append lock, for the chunk about to go. */
    void evicting(Chunk chunk, String reason) {
        long end = chunk.endOffset();
        while (true) {
            long at = position.get();
            if (at >= end) {
                return;
            }
            long lost = 0;
            for (int index = (int) Math.max(0, at - chunk.baseOffset()); index < chunk.count(); index++) {
                if (wants(chunk, index)) {
                    lost++;
                }
            }
            if (position.compareAndSet(at, end)) {
                if (lost > 0) {
                    pendingDrops.addAndGet(lost);
                    dropped.addAndGet(lost);
                    dropReason = reason;
                }
                return;
            }
        }
    }
}
