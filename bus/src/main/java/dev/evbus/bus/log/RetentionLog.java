package dev.evbus.bus.log;

import dev.evbus.event.Retention;
import dev.evbus.protocol.ByteSink;
import dev.evbus.protocol.EventFrame;
import dev.evbus.protocol.Message;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The app's log of accepted events: each appended once with the next offset, kept in chunks
 * until retention (bytes, then age) lets the oldest chunk go, and read by any number of
 * {@link LogReader}s at their own pace. Appending never waits for a reader.
 */
public final class RetentionLog implements AutoCloseable {
    private static final int MIN_CHUNK = 256 * 1024;
    private static final int MAX_CHUNK = 4 * 1024 * 1024;
    static final String BY_BYTES = "retention.max_bytes";
    static final String BY_AGE = "retention.max_age";

    private final Retention retention;
    private final LogStorage storage;
    private final LongSupplier clock;
    private final int chunkSize;
    private final TypeTable types = new TypeTable();

    /** Serialises appends, evictions and reader registration. */
    private final ReentrantLock appendLock = new ReentrantLock();
    /** Oldest first; replaced whole under the append lock, read without it. */
    private volatile Chunk[] chunks;
    /** The chunk appends go to, or null when the next append starts one. */
    private volatile Chunk tail;
    /** The offset the next append gets; everything below it is visible. */
    private volatile long endOffset;
    /** Heap bytes of every chunk in {@link #chunks}, index included; guarded by the append lock. */
    private long footprint;
    private final ByteSink head = new ByteSink(512);
    private final Set<LogReader> readers = ConcurrentHashMap.newKeySet();

    private final ReentrantLock waitLock = new ReentrantLock();
    private final Condition appended = waitLock.newCondition();
    /** Readers asleep in {@link #awaitAppend}; publishers skip the wake-up when there are none. */
    private volatile int waiting;
    private volatile boolean closed;

    private RetentionLog(Retention retention, LogStorage storage, LongSupplier clock, LogStorage.Recovery recovery) {
        this.retention = retention;
        this.storage = storage;
        this.clock = clock;
        this.chunkSize = (int) Math.max(MIN_CHUNK, Math.min(MAX_CHUNK, retention.maxBytes() / 32));
        this.chunks = recovery.chunks().toArray(Chunk[]::new);
        for (Chunk chunk : chunks) {
            footprint += chunk.footprint();
        }
        this.endOffset = chunks.length == 0 ? recovery.nextOffset() : chunks[chunks.length - 1].endOffset();
    }

    /** Opens a log over {@code storage}, recovering what it holds. */
    public static RetentionLog open(Retention retention, LogStorage storage, LongSupplier clock) throws IOException {
        RetentionLog log = new RetentionLog(retention, storage, clock, storage.recover(new TypeTable()));
        log.appendLock.lock();
        try {
            log.evict(); // a smaller max_bytes or an expired age since the last run
        } finally {
            log.appendLock.unlock();
        }
        return log;
    }

    /**
     * Makes the next offset at least {@code offset + 1}, so offsets someone has already seen (a
     * cursor saved before a crash cut the unsynced tail) are never given to new events. The
     * offsets skipped hold nothing; readers step over them.
     */
    public void continueAfter(long offset) {
        appendLock.lock();
        try {
            if (offset >= endOffset) {
                endOffset = offset + 1;
                tail = null;
            }
        } finally {
            appendLock.unlock();
        }
    }

    public Retention retention() {
        return retention;
    }

    /**
     * Appends one event and returns its offset. The payload bytes must be one valid JSON value.
     * Readers see it at once but are woken only by {@link #wakeReaders()}, once per burst.
     */
    public long append(String eventType, String eventId, String sourceTime, byte[] payload, int payloadOffset,
                       int payloadLength) {
        appendLock.lock();
        try {
            long offset = endOffset;
            long now = clock.getAsLong();
            int typeId = types.idOf(eventType);
            byte[] type = types.bytesOf(eventType, typeId);
            head.reset();
            EventFrame.writeHead(head, eventType, eventId, sourceTime, offset);
            int frameLength = head.size() + EventFrame.PAYLOAD_FIELD.length + payloadLength + 2;
            int length = RecordFormat.HEADER + type.length + frameLength;
            Chunk chunk = tailWithRoom(length, now);
            int at = chunk.reserve(length);
            byte[] data = chunk.data();
            RecordFormat.putHeader(data, at, length - RecordFormat.LENGTH_FIELD, offset, now, head.size(), type.length);
            int to = at + RecordFormat.HEADER;
            System.arraycopy(type, 0, data, to, type.length);
            to += type.length;
            System.arraycopy(head.array(), 0, data, to, head.size());
            to += head.size();
            System.arraycopy(EventFrame.PAYLOAD_FIELD, 0, data, to, EventFrame.PAYLOAD_FIELD.length);
            to += EventFrame.PAYLOAD_FIELD.length;
            System.arraycopy(payload, payloadOffset, data, to, payloadLength);
            to += payloadLength;
            data[to++] = '}';
            data[to] = '\n';
            if (storage.durable()) {
                RecordFormat.putCrc(data, at, RecordFormat.computeCrc(data, at));
            }
            long grown = chunk.publish(at, typeId, now);
            endOffset = offset + 1;
            if (grown > 0) {
                footprint += grown;
                evictOlderThanTail(); // the index outgrew the room reserved for it
            }
            storage.appended();
            return offset;
        } finally {
            appendLock.unlock();
        }
    }

    private Chunk tailWithRoom(int length, long now) {
        Chunk chunk = tail;
        if (chunk != null && chunk.fits(length)) {
            if (chunk.firstTime() < now - retention.maxAge().toMillis()) {
                evict(); // age is checked per chunk; do it when the tail is busy too
            }
            return chunk;
        }
        int capacity = Math.max(chunkSize, length);
        tail = null;
        evictFor(capacity);
        chunk = Chunk.create(endOffset, capacity);
        Chunk[] current = chunks;
        Chunk[] next = Arrays.copyOf(current, current.length + 1);
        next[current.length] = chunk;
        chunks = next;
        footprint += chunk.footprint();
        tail = chunk;
        storage.chunkStarted(chunk);
        return chunk;
    }

    /** Lets chunks go until one of {@code capacity} more bytes fits under max_bytes, then by age. */
    private void evictFor(long capacity) {
        while (chunks.length > 0 && footprint + capacity > retention.maxBytes()) {
            evictOldest(BY_BYTES);
        }
        evict();
    }

    private void evictOlderThanTail() {
        while (footprint > retention.maxBytes() && chunks.length > 1 && chunks[0] != tail) {
            evictOldest(BY_BYTES);
        }
    }

    /** Applies both limits now; the bus calls it every second so a quiet log still ages. Under the append lock. */
    private void evict() {
        evictOlderThanTail();
        long oldestAllowed = clock.getAsLong() - retention.maxAge().toMillis();
        while (chunks.length > 0 && chunks[0].count() > 0 && chunks[0].lastTime() < oldestAllowed) {
            evictOldest(BY_AGE);
        }
    }

    /** Drops expired chunks; for the bus's periodic tick. */
    public void expire() {
        appendLock.lock();
        try {
            evict();
        } finally {
            appendLock.unlock();
        }
    }

    private void evictOldest(String reason) {
        Chunk oldest = chunks[0];
        for (LogReader reader : readers) {
            reader.evicting(oldest, reason);
        }
        chunks = Arrays.copyOfRange(chunks, 1, chunks.length);
        footprint -= oldest.footprint();
        if (oldest == tail) {
            tail = null;
        }
        storage.evicted(oldest);
    }

    /** Wakes readers waiting for appends; publishers call it once per burst they have read. */
    public void wakeReaders() {
        if (waiting > 0) {
            waitLock.lock();
            try {
                appended.signalAll();
            } finally {
                waitLock.unlock();
            }
        }
    }

    /** Waits until something is appended at or past {@code position}, or the log closes. */
    public void awaitAppend(long position) throws InterruptedException {
        waitLock.lock();
        try {
            waiting++;
            while (endOffset <= position && !closed) {
                appended.await();
            }
        } finally {
            waiting--;
            waitLock.unlock();
        }
    }

    /** A reader of the event types {@code patterns} starting at {@code start}, or at the oldest retained offset if later. */
    public LogReader openReader(List<String> patterns, long start) {
        appendLock.lock();
        try {
            long from = Math.max(firstOffset(), start);
            LogReader reader = new LogReader(this, patterns, from);
            readers.add(reader);
            return reader;
        } finally {
            appendLock.unlock();
        }
    }

    public void closeReader(LogReader reader) {
        readers.remove(reader);
    }

    /** The oldest retained offset ({@link #endOffset()} when the log is empty). */
    public long firstOffset() {
        Chunk[] current = chunks;
        return current.length == 0 ? endOffset : current[0].baseOffset();
    }

    /** One past the newest offset. */
    public long endOffset() {
        return endOffset;
    }

    /** The first retained offset appended at or after {@code epochMillis}; {@link #endOffset()} if none. */
    public long offsetAtTime(long epochMillis) {
        appendLock.lock();
        try {
            for (Chunk chunk : chunks) {
                if (chunk.count() == 0 || chunk.lastTime() < epochMillis) {
                    continue;
                }
                for (int index = 0; index < chunk.count(); index++) {
                    if (RecordFormat.time(chunk.data(), chunk.start(index)) >= epochMillis) {
                        return chunk.baseOffset() + index;
                    }
                }
            }
            return endOffset;
        } finally {
            appendLock.unlock();
        }
    }

    /** Waits until every offset below {@code end} is stored (on disk when durable). */
    public boolean awaitStored(long end, long timeout, TimeUnit unit) throws InterruptedException {
        return end <= 1 || storage.awaitStored(end - 1, unit.toNanos(timeout));
    }

    /** True when every offset below {@code end} is stored already. */
    public boolean isStored(long end) {
        return end <= 1 || storage.storedOffset(endOffset) >= end - 1;
    }

    public boolean durable() {
        return storage.durable();
    }

    Chunk chunkFor(long offset) {
        Chunk[] current = chunks;
        int low = 0;
        int high = current.length - 1;
        int found = -1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (current[middle].baseOffset() <= offset) {
                found = middle;
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        if (found < 0) {
            return current.length > 0 ? current[0] : null;
        }
        // Past a sealed chunk's end but before the next one's base: offsets whose records a durable
        // log's recovery found damaged and skipped. The next records are in the next chunk.
        if (offset >= current[found].endOffset() && found + 1 < current.length) {
            return current[found + 1];
        }
        return current[found];
    }

    /** The chunks now, oldest first. */
    Chunk[] chunksForTest() {
        return chunks.clone();
    }

    /** Heap bytes the log holds, index included: what max_bytes bounds. */
    long heapBytes() {
        appendLock.lock();
        try {
            return footprint;
        } finally {
            appendLock.unlock();
        }
    }

    boolean isTail(Chunk chunk) {
        return tail == chunk;
    }

    public Message.LogStatus status() {
        appendLock.lock();
        try {
            long first = firstOffset();
            long end = endOffset;
            long oldestAge = 0;
            if (chunks.length > 0 && chunks[0].count() > 0) {
                oldestAge = Math.max(0, clock.getAsLong() - chunks[0].firstTime());
            }
            long bytes = 0;
            for (Chunk chunk : chunks) {
                bytes += chunk.byteEnd(chunk.count());
            }
            return new Message.LogStatus(first, end - 1, bytes, end - first, oldestAge, retention.maxBytes(),
                    retention.maxAge().toMillis(), storage.durable(), storage.durable() ? storage.storedOffset(end) : 0);
        } finally {
            appendLock.unlock();
        }
    }

    @Override
    public void close() {
        closed = true;
        waitLock.lock();
        try {
            appended.signalAll();
        } finally {
            waitLock.unlock();
        }
        storage.close();
    }
}
